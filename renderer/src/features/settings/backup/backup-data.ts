import type { Table } from 'dexie';
import { err, ok, type Result } from '../../../../../shared/result';
import { markRemote } from '../../../data/changelog';
import type { FieldDeskDb } from '../../../data/db';
import { profileRepository } from '../../../data/repositories/profile';
import { platform } from '../../../platform/bridge';
import type { Progress } from '../../../ui/ProgressDialog';

const CHUNK = 2000;

/** Every table, a chunk at a time in primary-key order, so a large database never sits in memory twice. */
async function* chunksOf(table: Table): AsyncGenerator<Record<string, unknown>[]> {
  // Every FieldDesk table keeps its key inside the record: one field (id, key or seq) or, for a
  // compound key such as the search-word blocks' [word+last], several, read as an array.
  const keyPath = table.schema.primKey.keyPath;
  const keyOf = (r: Record<string, unknown>): unknown => (Array.isArray(keyPath) ? keyPath.map((k) => r[k]) : r[keyPath as string]);
  let last: unknown = undefined;
  for (;;) {
    const chunk = (await (last === undefined ? table.toCollection() : table.where(':id').above(last)).limit(CHUNK).toArray()) as Record<string, unknown>[];
    if (chunk.length === 0) return;
    last = keyOf(chunk[chunk.length - 1]!);
    // A key the record does not hold would start the table over, forever.
    if (last === undefined || (Array.isArray(last) && last.includes(undefined))) throw new Error(`Cannot back up ${table.name}: a record has no primary key`);
    yield chunk;
  }
}

/**
 * Back up the whole local database, outbox and device identity included, to
 * the data folder ('auto', rotated) or a file the user picks.
 */
export async function backUp(
  db: FieldDeskDb,
  target: 'auto' | 'choose',
  { signal, onProgress }: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
): Promise<Result<{ path: string; records: number } | { cancelled: true }>> {
  const deviceName = (await profileRepository(db).get())?.deviceName;
  const begun = await platform.backup.begin({ target, deviceId: db.device.get().deviceId, ...(deviceName ? { deviceName } : {}) });
  if (!begun.ok) return begun;
  if ('cancelled' in begun.value) return ok({ cancelled: true as const });
  const { sessionId } = begun.value;
  const total = (await Promise.all(db.tables.map((t) => t.count()))).reduce((a, b) => a + b, 0);
  let done = 0;
  for (const table of db.tables) {
    for await (const records of chunksOf(table)) {
      if (signal?.aborted) {
        await platform.backup.abort({ sessionId });
        return ok({ cancelled: true as const });
      }
      const res = await platform.backup.records({ sessionId, table: table.name, records });
      if (!res.ok) return res;
      done += records.length;
      onProgress?.({ done, total, label: `Saved ${done.toLocaleString()} of ${total.toLocaleString()} records` });
    }
  }
  const finished = await platform.backup.finish({ sessionId });
  if (!finished.ok) return finished;
  await db.meta.put({ key: 'lastBackupAt', value: new Date().toISOString() });
  return ok({ path: finished.value.path, records: finished.value.records });
}

/**
 * Replace the local database with a backup's contents, all or nothing: every
 * record is read first, then one transaction clears and refills the tables.
 * IndexedDB transactions cannot wait on IPC, so reading must finish before
 * the transaction starts. The writes are marked remote: a restore is not a
 * new change to sync (the backup's own outbox comes back with it).
 */
export async function restore(
  db: FieldDeskDb,
  token: string,
  { onProgress, total }: { onProgress?: (p: Progress) => void; total: number },
): Promise<Result<{ records: number; counts: Record<string, number>; skippedTables: string[] }>> {
  const byTable = new Map<string, Record<string, unknown>[]>();
  let read = 0;
  for (;;) {
    const res = await platform.backup.read({ token });
    if (!res.ok) return res;
    for (const { table, record } of res.value.records) {
      if (!byTable.has(table)) byTable.set(table, []);
      byTable.get(table)!.push(record);
    }
    read += res.value.records.length;
    onProgress?.({ done: read, total, label: `Read ${read.toLocaleString()} of ${total.toLocaleString()} records` });
    if (res.value.done) break;
  }
  const known = new Set(db.tables.map((t) => t.name));
  const skippedTables = [...byTable.keys()].filter((t) => !known.has(t));
  if (!byTable.has('meta')) return err('invalid_request', 'This backup has no device information, so it is not a FieldDesk backup of a whole device.');
  onProgress?.({ done: read, total, label: `Writing ${read.toLocaleString()} records to this device…` });
  await db.transaction('rw', db.tables, async (tx) => {
    markRemote(tx.idbtrans);
    for (const table of db.tables) {
      await table.clear();
      const rows = byTable.get(table.name);
      if (rows?.length) await table.bulkPut(rows);
    }
  });
  const counts: Record<string, number> = {};
  for (const table of db.tables) counts[table.name] = byTable.get(table.name)?.length ?? 0;
  return ok({ records: read, counts, skippedTables });
}
