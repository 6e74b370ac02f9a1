import { FIRST_SYNC_TIERS, nextTier, REFERENCE_TABLES, TIER_OPEN_STATUSES, TIER_TICKET_CHILDREN, TIER_TICKET_TABLE, type FirstSyncTier } from '../../shared/sync/tiers';
import type { Queryable } from '../db/db';
import { encodeCursor, type Cursor } from './cursor';
import { checkedRecords, type PullChecks, type PullOutcome } from './pull';

/**
 * A first sync in tiers (docs/sync-protocol.md, "First sync in tiers";
 * shared/sync/tiers.ts says what each tier holds).
 *
 * The fill begins with an empty cursor and `tiered: true`. The server notes
 * its head `upTo` then and reads each tier, in order, among the records
 * numbered up to `upTo`, in `server_seq` order; its cursors carry the tier,
 * the position in it and `upTo`. The last page of the last tier hands out an
 * ordinary cursor at `upTo`, so every change committed during the fill (all
 * numbered above `upTo`) comes by the ordinary pull that follows.
 *
 * Why nothing is lost: a record unchanged during the fill keeps its number
 * (≤ upTo) and its tier, so its tier's read finds it; a record changed during
 * it is numbered above `upTo` and comes after. The one membership that can
 * change without the record changing is a child's (it follows its ticket),
 * which is why `rest` holds every child, those of active tickets too.
 *
 * Tombstone purges: the fill sends each record as it is at the read. A device
 * can only hold a live copy of a record deleted later, and that tombstone is
 * numbered above `upTo`: a purge of it moves the horizon past `upTo`, and the
 * ordinary cursor at `upTo` is then sent to resync. So tier cursors are never
 * sent to resync for the horizon (only for another epoch, or when `upTo` is
 * beyond the head: a database restored from backup).
 */

/** SQL conditions on `records r`, with the tier constants as parameters $3..$6. */
const IS_OPEN_TICKET = `(r.tbl = $6 AND NOT r.deleted AND coalesce(r.fields->>'status' = ANY($4::text[]), false))`;
const IS_OPEN_CHILD = `(r.tbl = ANY($5::text[]) AND EXISTS (
  SELECT 1 FROM records t WHERE t.tbl = $6 AND t.id = r.fields->>'ticketId' AND NOT t.deleted AND coalesce(t.fields->>'status' = ANY($4::text[]), false)))`;
const IN_TIER: Record<FirstSyncTier, string> = {
  reference: `r.tbl = ANY($3::text[])`,
  open: `(${IS_OPEN_TICKET} OR ${IS_OPEN_CHILD})`,
  rest: `(NOT r.tbl = ANY($3::text[]) AND NOT ${IS_OPEN_TICKET})`,
};
const TIER_PARAMS = [REFERENCE_TABLES, TIER_OPEN_STATUSES, TIER_TICKET_CHILDREN, TIER_TICKET_TABLE];
/** Names every tier parameter's type, so a tier whose condition leaves some out still prepares. */
const TYPED = `$3::text[] IS NOT NULL AND $4::text[] IS NOT NULL AND $5::text[] IS NOT NULL AND $6::text IS NOT NULL`;

interface Row {
  tbl: string;
  id: string;
  fields: Record<string, unknown>;
  stamps: Record<string, string>;
  server_seq: number;
}

/** How many records each tier holds among those numbered up to `upTo`, by table. */
export async function tierCounts(db: Queryable, upTo: number): Promise<Partial<Record<FirstSyncTier, Record<string, number>>>> {
  const r = await db.query<{ tbl: string; reference: number; open: number; rest: number }>(
    `SELECT r.tbl, count(*) FILTER (WHERE ${IN_TIER.reference})::int AS reference, count(*) FILTER (WHERE ${IN_TIER.open})::int AS open,
            count(*) FILTER (WHERE ${IN_TIER.rest})::int AS rest
       FROM records r WHERE r.server_seq > $1 AND r.server_seq <= $2 GROUP BY r.tbl ORDER BY r.tbl`,
    [0, upTo, ...TIER_PARAMS],
  );
  const out: Partial<Record<FirstSyncTier, Record<string, number>>> = {};
  for (const row of r.rows) {
    for (const tier of FIRST_SYNC_TIERS) {
      const n = Number(row[tier]);
      if (n > 0) (out[tier] ??= {})[row.tbl] = n;
    }
  }
  return out;
}

async function tierHasAny(db: Queryable, tier: FirstSyncTier, upTo: number): Promise<boolean> {
  const r = await db.query(`SELECT 1 FROM records r WHERE r.server_seq > $1 AND r.server_seq <= $2 AND ${TYPED} AND ${IN_TIER[tier]} LIMIT 1`, [0, upTo, ...TIER_PARAMS]);
  return r.rows.length > 0;
}

export async function pullTierPage(db: Queryable, cursor: Cursor | null, limit: number, checks: PullChecks): Promise<PullOutcome> {
  const state = (await db.query<{ epoch: string; head: number }>('SELECT epoch, seq AS head FROM sync_state WHERE id = 1')).rows[0];
  if (!state) throw new Error('sync_state is missing: were migrations run?');
  const epoch = state.epoch;
  const head = Number(state.head);
  if (cursor) {
    if (cursor.epoch !== epoch) return { ok: true, value: { status: 'resync', reason: 'epoch', message: 'This cursor belongs to another server database; start again from an empty cursor.' } };
    if ((cursor.tier?.upTo ?? 0) > head) {
      return { ok: true, value: { status: 'resync', reason: 'ahead', message: 'This cursor is ahead of the server (was the database restored?); start again from an empty cursor.' } };
    }
  }
  const tier = cursor?.tier?.name ?? 'reference';
  const upTo = cursor?.tier?.upTo ?? head;
  const after = cursor?.seq ?? 0;
  const r = await db.query<Row>(
    `SELECT r.tbl, r.id, r.fields, r.stamps, r.server_seq FROM records r
      WHERE r.server_seq > $1 AND r.server_seq <= $2 AND ${TYPED} AND ${IN_TIER[tier]}
      ORDER BY r.server_seq LIMIT $7`,
    [after, upTo, ...TIER_PARAMS, limit + 1],
  );
  const more = r.rows.length > limit;
  const page = more ? r.rows.slice(0, limit) : r.rows;
  const { records, held } = checkedRecords(page, checks);
  const counts = cursor === null ? { tierCounts: await tierCounts(db, upTo) } : {};
  const base = { status: 'page' as const, records, heldBack: held.length, tier, ...counts };
  if (more) {
    const last = Number((page[page.length - 1] as Row).server_seq);
    return { ok: true, value: { ...base, cursor: encodeCursor({ epoch, seq: last, tier: { name: tier, upTo } }), hasMore: true } };
  }
  // The next tier that holds anything (an empty one would cost the device a round trip for nothing).
  let following = nextTier(tier);
  while (following && !(await tierHasAny(db, following, upTo))) following = nextTier(following);
  if (following) return { ok: true, value: { ...base, cursor: encodeCursor({ epoch, seq: 0, tier: { name: following, upTo } }), hasMore: true } };
  // Every tier read: go on as an ordinary pull from the head the fill began at.
  return { ok: true, value: { ...base, cursor: encodeCursor({ epoch, seq: upTo }), hasMore: head > upTo } };
}
