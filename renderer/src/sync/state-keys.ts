/**
 * Keys of the `syncState` store. Everything the engine remembers between runs
 * lives there, written in the same transactions as the data it describes.
 */
export const CURSOR_KEY = 'cursor';
export const LAST_SYNCED_KEY = 'lastSyncedAt';
/** Present while a full resync runs: an interrupted one starts over from an empty cursor. */
export const RESYNC_KEY = 'resync';
/** Progress of the pull in progress, so a large first sync can show how far it got. */
export const PULL_PROGRESS_KEY = 'pullProgress';
/** A first sync in tiers in progress: its tier and counts (fill.ts); gone once every tier is in. */
export const FILL_KEY = 'firstSyncFill';

/** One op the server refused for good, set aside: `rejected:<deviceSeq, zero-padded>`. */
export const REJECTED_PREFIX = 'rejected:';
/** One `_conflicts` record: `conflict:<id>`. */
export const CONFLICT_PREFIX = 'conflict:';
/** Server values of fields kept back because of pending local changes: `shadow:<table, id>`. */
export const SHADOW_PREFIX = 'shadow:';

/** A pulled record that failed its table's schema, kept out of the live tables: `quarantine:<table, id>`. */
export const QUARANTINE_PREFIX = 'quarantine:';

export const rejectedKey = (seq: number): string => `${REJECTED_PREFIX}${String(seq).padStart(12, '0')}`;
export const conflictKey = (id: string): string => `${CONFLICT_PREFIX}${id}`;
export const recordKey = (table: string, id: string): string => JSON.stringify([table, id]);
export const shadowKey = (table: string, id: string): string => `${SHADOW_PREFIX}${recordKey(table, id)}`;
export const quarantineKey = (table: string, id: string): string => `${QUARANTINE_PREFIX}${recordKey(table, id)}`;
