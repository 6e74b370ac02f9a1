import type { PullResponse, SyncRecord } from '../../shared/sync/protocol';
import type { Queryable } from '../db/db';
import { decodeCursor, encodeCursor } from './cursor';
import { pullTierPage } from './tiers';
import { recordProblems, type RecordProblem, type SchemaRegistry } from './record-check';

type WithoutTime<T> = T extends unknown ? Omit<T, 'serverTime'> : never;

export type PullOutcome = { ok: true; value: WithoutTime<PullResponse> } | { ok: false; error: { code: 'invalid_request'; message: string } };

/** A stored record the pull did not send because it fails its table's schema. */
export interface HeldBack {
  table: string;
  id: string;
  seq: number;
  problems: RecordProblem[];
}

export interface PullChecks {
  /** Tables and their schemas; records of a table with a schema are sent only when they pass it. */
  tables?: SchemaRegistry;
  /** Told of every record held back from this page (the route logs them). */
  onHeldBack?: (held: HeldBack[]) => void;
}

/** The rows of a page as records, less those that fail their table's schema (told to `onHeldBack`). */
export function checkedRecords(page: readonly Pick<Row, 'tbl' | 'id' | 'fields' | 'stamps' | 'server_seq'>[], checks: PullChecks): { records: SyncRecord[]; held: HeldBack[] } {
  const records: SyncRecord[] = [];
  const held: HeldBack[] = [];
  for (const row of page) {
    const record: SyncRecord = { table: row.tbl as string, id: row.id as string, fields: row.fields ?? {}, stamps: row.stamps ?? {}, seq: Number(row.server_seq) };
    const problems = checks.tables ? recordProblems(checks.tables, record.table, record.id, record.fields) : [];
    if (problems.length > 0) held.push({ table: record.table, id: record.id, seq: record.seq, problems });
    else records.push(record);
  }
  if (held.length > 0) checks.onHeldBack?.(held);
  return { records, held };
}

interface Row {
  epoch: string;
  horizon_seq: number;
  head: number;
  tbl: string | null;
  id: string | null;
  fields: Record<string, unknown> | null;
  stamps: Record<string, string> | null;
  server_seq: number | null;
}

/**
 * One page of changes after a cursor. The counter state and the page come from
 * one statement, hence one snapshot: a tombstone purge cannot slip between the
 * horizon check and the read, and every change numbered up to the head is
 * visible in it.
 */
export async function pullPage(db: Queryable, cursorText: string | undefined, limit: number, checks: PullChecks = {}, tiered = false): Promise<PullOutcome> {
  const cursor = decodeCursor(cursorText);
  if (cursor === 'invalid') return { ok: false, error: { code: 'invalid_request', message: 'cursor is not one this server issued' } };
  // A first sync in tiers: asked for with an empty cursor, then carried by its cursors (tiers.ts).
  if ((cursor === null && tiered) || cursor?.tier) return pullTierPage(db, cursor, limit, checks);
  const after = cursor?.seq ?? 0;
  const r = await db.query<Row>(
    `SELECT s.epoch, s.horizon_seq, s.seq AS head, c.tbl, c.id, c.fields, c.stamps, c.server_seq
       FROM sync_state s
       LEFT JOIN LATERAL (
         SELECT tbl, id, fields, stamps, server_seq FROM records
          WHERE server_seq > $1 ORDER BY server_seq LIMIT $2
       ) c ON true
      WHERE s.id = 1
      ORDER BY c.server_seq`,
    [after, limit + 1],
  );
  const first = r.rows[0];
  if (!first) throw new Error('sync_state is missing: were migrations run?');
  const epoch = first.epoch;
  const head = Number(first.head);
  if (cursor) {
    if (cursor.epoch !== epoch) {
      return { ok: true, value: { status: 'resync', reason: 'epoch', message: 'This cursor belongs to another server database; start again from an empty cursor.' } };
    }
    // Tombstones purged since this cursor's device could have seen them. For a
    // pull from the start that is only a purge since it began (cursor.ts).
    const horizon = Number(first.horizon_seq);
    if (horizon > cursor.seq && (cursor.fullFrom === undefined || horizon > cursor.fullFrom)) {
      return { ok: true, value: { status: 'resync', reason: 'horizon', message: 'Deletions older than this cursor have been purged; start again from an empty cursor.' } };
    }
    if (cursor.seq > head) {
      return { ok: true, value: { status: 'resync', reason: 'ahead', message: 'This cursor is ahead of the server (was the database restored?); start again from an empty cursor.' } };
    }
  }
  // No cursor means an empty device: it holds nothing a purged tombstone could have deleted.
  const rows = r.rows.filter((row) => row.tbl !== null);
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const { records, held } = checkedRecords(page, checks);
  const last = page.length > 0 ? Number((page[page.length - 1] as Row).server_seq) : after;
  // The last page moves the cursor to the head: every change up to it is in
  // this snapshot, and the head is never below the tombstone horizon, so a
  // device that has just pulled everything is not sent to resync again.
  const fullFrom = cursor === null ? Number(first.horizon_seq) : cursor.fullFrom;
  const next = hasMore
    ? encodeCursor(fullFrom === undefined ? { epoch, seq: last } : { epoch, seq: last, fullFrom })
    : encodeCursor({ epoch, seq: Math.max(last, head) });
  return { ok: true, value: { status: 'page', records, cursor: next, hasMore, heldBack: held.length } };
}
