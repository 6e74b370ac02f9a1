import { formatStamp } from '../../shared/sync/hlc';
import type { Queryable } from '../db/db';
import { SERVER_DEVICE } from '../sync/conflicts';

/**
 * Every account is a person: its staff record in `people` (id = the account's
 * person_id, kind staff, name and email from the account) is made by the
 * server, delivered by pull like any record, and never overwritten by it
 * afterwards: its contact details are the user's to correct. Made when the
 * account is created; accounts older than this got theirs from migration 3.
 */
export async function ensureStaffRecord(db: Queryable, user: { personId: string; email: string; name: string }, now: number): Promise<boolean> {
  const at = new Date(now).toISOString();
  const name = (user.name.trim() || user.email.split('@')[0] || user.email).slice(0, 200);
  const fields = { name, email: user.email, phone: '', agency: '', site: '', title: '', kind: 'staff', createdAt: at, updatedAt: at, deleted: 0 };
  const stamp = formatStamp({ wall: now, counter: 0 }, SERVER_DEVICE);
  const stamps = Object.fromEntries(Object.keys(fields).map((k) => [k, stamp]));
  // The counter row's lock numbers the record in commit order, as a push does.
  const r = await db.query<{ id: string }>(
    `WITH counter AS (
       UPDATE sync_state SET seq = seq + 1
        WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM records WHERE tbl = 'people' AND id = $1)
       RETURNING seq
     )
     INSERT INTO records (tbl, id, fields, stamps, server_seq, deleted, updated_at_ms)
     SELECT 'people', $1, $2::jsonb, $3::jsonb, counter.seq, false, $4 FROM counter
     ON CONFLICT (tbl, id) DO NOTHING
     RETURNING id`,
    [user.personId, JSON.stringify(fields), JSON.stringify(stamps), now],
  );
  return r.rows.length > 0;
}
