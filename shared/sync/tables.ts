/**
 * The tables that sync, and how each merges. `lww` tables merge field by field
 * on clock stamps; `append` tables hold immutable records that merge by union
 * (work log, history, attendance, audit trail).
 *
 * Each feature adds its tables here; the Dexie schema, the change log and the
 * server all read this one list.
 */
export type MergeMode = 'lww' | 'append';

export interface SyncTableSpec {
  merge: MergeMode;
  /**
   * Fields derived on each device (search words, sort keys): recomputed from
   * the synced fields on every write, so never logged or sent.
   */
  localFields?: readonly string[];
}

export const SYNC_TABLES = {
  people: { merge: 'lww' },
} as const satisfies Record<string, SyncTableSpec>;

export type SyncTableName = keyof typeof SYNC_TABLES;

export const SYNC_TABLE_NAMES = Object.keys(SYNC_TABLES) as SyncTableName[];

export const isSyncTable = (name: string): name is SyncTableName => Object.hasOwn(SYNC_TABLES, name);

const NO_LOCAL_FIELDS: readonly string[] = [];

export function localFieldsOf(name: string): readonly string[] {
  return isSyncTable(name) ? ((SYNC_TABLES[name] as SyncTableSpec).localFields ?? NO_LOCAL_FIELDS) : NO_LOCAL_FIELDS;
}
