import { checkRecord, recordTitle } from '../../../shared/sync/record-schemas';
import type { SyncRecord } from '../../../shared/sync/protocol';
import type { FieldDeskDb } from '../data/db';
import { QUARANTINE_PREFIX, quarantineKey, recordKey } from './state-keys';

/** A pulled record that failed its table's schema, as Settings → Sync lists it. */
export interface QuarantinedRecord {
  table: string;
  id: string;
  /** The record as the server sent it, kept so nothing is lost and support can read it. */
  fields: Record<string, unknown>;
  stamps: Record<string, string>;
  /** Its title, name or number where one is readable, else null. */
  title: string | null;
  /** What is wrong, in the schema's words ("Title: Title must be text"). */
  reason: string;
  field: string | null;
  /** When it was first held back here. */
  at: string;
  /** The user has read it: it stays held back, but no longer warns. */
  dismissed?: boolean;
}

/** Split a page's records of one table into those its schema accepts and those it does not. */
export function splitValid(table: string, list: readonly SyncRecord[]): { valid: SyncRecord[]; invalid: { record: SyncRecord; reason: string; field: string | null }[] } {
  const valid: SyncRecord[] = [];
  const invalid: { record: SyncRecord; reason: string; field: string | null }[] = [];
  for (const r of list) {
    const check = checkRecord(table, r.id, r.fields, r.stamps);
    if (check.ok) valid.push(r);
    else invalid.push({ record: r, reason: check.reason, field: check.field });
  }
  return { valid, invalid };
}

/**
 * Inside the page's transaction: hold the invalid records back, and release
 * the valid ones from quarantine (a later, mended version). Returns how many
 * were held back.
 */
/** The keys of a table's records held in quarantine: one key range, usually empty (`quarantine:["table",…`). */
export async function heldKeys(db: FieldDeskDb, table: string): Promise<Set<string>> {
  const prefix = `${QUARANTINE_PREFIX}${recordKey(table, '').slice(0, -3)}`;
  return new Set((await db.syncState.where('key').startsWith(prefix).primaryKeys()) as string[]);
}

/** `held`: heldKeys(table), when the caller read it already (beside its other reads). */
export async function quarantined(db: FieldDeskDb, table: string, valid: readonly SyncRecord[], invalid: ReturnType<typeof splitValid>['invalid'], known?: Set<string>): Promise<number> {
  const held = known ?? (await heldKeys(db, table));
  if (held.size > 0) {
    const mended = valid.map((r) => quarantineKey(table, r.id)).filter((k) => held.has(k));
    if (mended.length > 0) await db.syncState.bulkDelete(mended);
  }
  if (invalid.length === 0) return 0;
  const before = held.size > 0 ? await db.syncState.bulkGet(invalid.map((x) => quarantineKey(table, x.record.id))) : [];
  const now = new Date().toISOString();
  await db.syncState.bulkPut(
    invalid.map((x, i) => {
      const earlier = before[i]?.value as QuarantinedRecord | undefined;
      const value: QuarantinedRecord = {
        table,
        id: x.record.id,
        fields: x.record.fields,
        stamps: x.record.stamps,
        title: recordTitle(x.record.fields),
        reason: x.reason,
        field: x.field,
        at: earlier?.at ?? now,
        // A new version that still fails is news: it warns again.
        ...(earlier?.dismissed && earlier.reason === x.reason ? { dismissed: true } : {}),
      };
      return { key: quarantineKey(table, x.record.id), value };
    }),
  );
  return invalid.length;
}

/** Every quarantined record, oldest first. */
export async function listQuarantine(db: FieldDeskDb): Promise<QuarantinedRecord[]> {
  const rows = await db.syncState.where('key').startsWith(QUARANTINE_PREFIX).toArray();
  return rows.map((r) => r.value as QuarantinedRecord).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/** The user has read it: it stays held back (nothing unsafe reaches a screen), but stops warning. */
export async function dismissQuarantined(db: FieldDeskDb, table: string, id: string): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    const key = quarantineKey(table, id);
    const row = await db.syncState.get(key);
    if (row) await db.syncState.put({ key, value: { ...(row.value as QuarantinedRecord), dismissed: true } });
  });
}
