import type { Queryable } from '../db/db';
import { recordProblems, type SchemaRegistry } from '../sync/record-check';
import type { CliIo } from './user-commands';

export const CHECK_RECORDS_USAGE = `Usage:
  check-records [--batch 1000]
Lists every stored record that fails its table's schema (table, id, field,
reason; tab-separated), then a summary. Exits 1 when any record fails.`;

/**
 * `check-records`: walk every stored record of the tables that have a schema,
 * in (table, id) order and in batches, and list each that fails it, one line
 * per problem. Returns the exit code: 1 when any record fails, else 0.
 * Tables without a schema are named as not checked.
 */
export async function checkRecords(db: Queryable, tables: SchemaRegistry, io: CliIo, { batch = 1000 }: { batch?: number } = {}): Promise<number> {
  const checked = Object.keys(tables).filter((t) => tables[t]?.schema !== undefined).sort();
  const unchecked = Object.keys(tables).filter((t) => tables[t]?.schema === undefined).sort();
  let after: [string, string] = ['', ''];
  let records = 0;
  let failing = 0;
  const perTable = new Map<string, number>();
  io.out(['table', 'id', 'field', 'reason'].join('\t'));
  for (;;) {
    const r = await db.query<{ tbl: string; id: string; fields: Record<string, unknown> }>(
      `SELECT tbl, id, fields FROM records
        WHERE tbl = ANY($1::text[]) AND server_seq > 0 AND (tbl, id) > ($2, $3)
        ORDER BY tbl, id LIMIT $4`,
      [checked, after[0], after[1], batch],
    );
    for (const row of r.rows) {
      records++;
      const problems = recordProblems(tables, row.tbl, row.id, row.fields ?? {});
      if (problems.length === 0) continue;
      failing++;
      perTable.set(row.tbl, (perTable.get(row.tbl) ?? 0) + 1);
      for (const p of problems) io.out([row.tbl, row.id, p.field, p.reason.replace(/\s+/g, ' ')].join('\t'));
    }
    const last = r.rows[r.rows.length - 1];
    if (!last || r.rows.length < batch) break;
    after = [last.tbl, last.id];
  }
  const where = [...perTable].map(([t, n]) => `${t}: ${n}`).join(', ');
  io.err(`${records} records checked in ${checked.length} tables; ${failing} fail their schema${failing > 0 ? ` (${where})` : ''}.`);
  if (unchecked.length > 0) io.err(`Not checked (no schema): ${unchecked.join(', ')}.`);
  if (failing > 0) io.err('The server does not send these records (pull holds them back) until a valid write replaces them.');
  return failing > 0 ? 1 : 0;
}
