import { documentWords } from '../../../shared/inform/documents';
import { upgradeLegacyRow } from '../../../shared/sync/outbox';
import { isActiveStatus } from '../../../shared/tickets/list-keys';
import { BackupFileError, CURRENT_BACKUP_SCHEMA_VERSION } from './backup-format';

/**
 * Upgrading old backups record by record. Step N turns a record of schema
 * version N into version N+1 (possibly into another table, or null to drop
 * it); restoring a version-1 backup today runs steps 1, 2, … in turn. When the
 * local database schema changes shape, bump CURRENT_BACKUP_SCHEMA_VERSION and
 * add the step here, with a fixture of the old shape in the tests.
 */
export type UpgradeStep = (table: string, record: Record<string, unknown>) => { table: string; record: Record<string, unknown> } | null;

/**
 * Version 1 → 2, the same change as the Dexie upgrade in
 * renderer/src/data/schema.ts: people gained `kind` and the `deleted`
 * tombstone (here also accepting a boolean, as hand-edited files may have).
 */
const v1ToV2: UpgradeStep = (table, record) => {
  if (table !== 'people') return { table, record };
  const { deleted, ...rest } = record;
  return { table, record: { ...rest, kind: rest.kind ?? 'requester', deleted: deleted === true || deleted === 1 ? 1 : 0 } };
};

/**
 * Steps where no existing record changed shape: 2 → 3 added the help-desk and
 * training tables, 3 → 4 list indexes on tickets (derived from fields every
 * v3 ticket has), 4 → 5 an index of pending tickets by reason, 5 → 6 and
 * 6 → 7 indexes of tickets by site (and by assignee), status and priority,
 * 7 → 8 a store of search-word blocks (rebuilt from the tickets; an older
 * backup simply has none), 8 → 9 the ticket-number index made not unique,
 * 9 → 10 unread indexes dropped (outbox, work log, history).
 */
const sameShape: UpgradeStep = (table, record) => ({ table, record });

/** Version 10 → 11, as in renderer/src/data/schema.ts: each outbox row becomes a one-change legacy change set keeping its op number. */
const v10ToV11: UpgradeStep = (table, record) => (table === 'outbox' ? { table, record: upgradeLegacyRow(record) } : { table, record });

/** Version 11 → 12, as in renderer/src/data/schema.ts: an active ticket gains the `active` key of the v12 list indexes. */
const v11ToV12: UpgradeStep = (table, record) =>
  table === 'tickets' && typeof record.status === 'string' && isActiveStatus(record.status) ? { table, record: { ...record, active: 1 } } : { table, record };

/**
 * Version 15 → 16 (inform): materials gain their search words (a local field). Versions 13–15 add
 * stores only (v14 access, v15 scheduled work), so records keep their shape.
 */
const v15ToV16: UpgradeStep = (table, record) =>
  table === 'materials'
    ? { table, record: { ...record, words: documentWords({ title: String(record.title ?? ''), system: String(record.system ?? ''), systems: (record.systems as string[]) ?? [], tags: (record.tags as string[]) ?? [], body: String(record.body ?? '') }) } }
    : { table, record };

export const BACKUP_UPGRADES: Readonly<Record<number, UpgradeStep>> = {
  1: v1ToV2, 2: sameShape, 3: sameShape, 4: sameShape, 5: sameShape, 6: sameShape, 7: sameShape, 8: sameShape, 9: sameShape, 10: v10ToV11, 11: v11ToV12,
  12: sameShape, 13: sameShape, 14: sameShape, 15: v15ToV16,
};

export function upgradeBackupRecord(
  fromVersion: number,
  table: string,
  record: Record<string, unknown>,
  steps: Readonly<Record<number, UpgradeStep>> = BACKUP_UPGRADES,
  toVersion: number = CURRENT_BACKUP_SCHEMA_VERSION,
): { table: string; record: Record<string, unknown> } | null {
  if (fromVersion > toVersion) {
    throw new BackupFileError('invalid_request', `This backup was made by a newer FieldDesk (data version ${fromVersion}); update FieldDesk to restore it.`);
  }
  let current: { table: string; record: Record<string, unknown> } | null = { table, record };
  for (let v = fromVersion; v < toVersion && current; v++) {
    const step = steps[v];
    if (!step) throw new BackupFileError('invalid_request', `FieldDesk cannot restore backups of data version ${fromVersion} (no upgrade from version ${v}).`);
    current = step(current.table, current.record);
  }
  return current;
}

/** Whether records of this version can be restored at all: checked at preview, before anything is read. */
export function canUpgradeFrom(fromVersion: number, steps: Readonly<Record<number, UpgradeStep>> = BACKUP_UPGRADES, toVersion = CURRENT_BACKUP_SCHEMA_VERSION): string | null {
  if (fromVersion > toVersion) return `This backup was made by a newer FieldDesk (data version ${fromVersion}); update FieldDesk to restore it.`;
  for (let v = fromVersion; v < toVersion; v++) if (!steps[v]) return `FieldDesk cannot restore backups of data version ${fromVersion}.`;
  return null;
}
