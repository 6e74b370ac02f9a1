import { uuidv7 } from '../../../shared/ids/uuidv7';
import { CONFLICTS_TABLE, ConflictFieldsSchema, type ConflictFields } from '../../../shared/sync/protocol';
import { changeSetRows } from '../../../shared/sync/outbox';
import { isSyncTable } from '../../../shared/sync/tables';
import { err, ok, type Result } from '../../../shared/result';
import type { FieldDeskDb } from '../data/db';
import { CONFLICT_PREFIX, conflictKey } from './state-keys';

/** A long text that lost a merge, kept by the server so the user can bring it back. */
export type Conflict = ConflictFields & { id: string };

/** Conflicts the server has sent and the user has not dismissed, newest first. */
export async function listConflicts(db: FieldDeskDb): Promise<Conflict[]> {
  const rows = await db.syncState.where('key').startsWith(CONFLICT_PREFIX).toArray();
  const list: Conflict[] = [];
  for (const row of rows) {
    const parsed = ConflictFieldsSchema.safeParse(row.value);
    if (parsed.success && parsed.data.deleted !== 1) list.push({ ...parsed.data, id: row.key.slice(CONFLICT_PREFIX.length) });
  }
  return list.sort((a, b) => b.at - a.at);
}

/**
 * Dismiss: a tombstone for the `_conflicts` record, queued in the outbox like
 * any change (the only field a client may write there), and the local copy
 * removed at once.
 */
async function queueDismiss(db: FieldDeskDb, id: string): Promise<void> {
  const { clock } = db.device.get();
  const stamp = clock.next();
  await db.outbox.add(changeSetRows([{ opId: uuidv7(), table: CONFLICTS_TABLE, id, fields: { deleted: { value: 1, stamp } } }], new Date(clock.now()).toISOString())[0]!);
  await db.meta.put({ key: 'hlc', value: clock.last() });
  await db.syncState.delete(conflictKey(id));
}

export async function dismissConflict(db: FieldDeskDb, id: string): Promise<void> {
  await db.transaction('rw', [db.outbox, db.meta, db.syncState], () => queueDismiss(db, id));
}

/**
 * Restore: write the kept value back into the record's field as a normal
 * local edit (a new stamp, logged by the change log, so it wins on every
 * device), and dismiss the conflict in the same transaction.
 */
export async function restoreConflict(db: FieldDeskDb, id: string): Promise<Result<{ table: string; recordId: string; field: string }>> {
  const row = await db.syncState.get(conflictKey(id));
  const parsed = ConflictFieldsSchema.safeParse(row?.value);
  if (!parsed.success) return err('not_found', 'That conflict is no longer on this device.');
  const c = parsed.data;
  if (!isSyncTable(c.table) || !db.tables.some((t) => t.name === c.table)) return err('not_found', `This version of FieldDesk has no ${c.table} to restore into.`);
  const table = db.table<Record<string, unknown> & { id: string }, string>(c.table);
  return db.transaction('rw', [table, db.outbox, db.meta, db.syncState], async () => {
    const record = await table.get(c.recordId);
    if (!record) return err('not_found', 'The record this text belonged to is not on this device.');
    const next: Record<string, unknown> & { id: string } = { ...record, [c.field]: c.value };
    if (typeof record.updatedAt === 'string') next.updatedAt = new Date(db.device.get().clock.now()).toISOString();
    await table.put(next);
    await queueDismiss(db, id);
    return ok({ table: c.table, recordId: c.recordId, field: c.field });
  });
}
