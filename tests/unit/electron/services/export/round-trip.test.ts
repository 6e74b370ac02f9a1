import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toInstantMs } from '../../../../../shared/export/cell-values';
import { INCIDENT_LOG_COLUMNS } from '../../../../../shared/export/columns';
import { suggestMapping } from '../../../../../shared/import/mapping';
import { runExport } from '../../../../../electron/services/export/export-session';
import { dryRunImport, previewImport } from '../../../../../electron/services/import/import-service';
import { chunksOf, incidentRow, tempDir } from './sample-rows';

const TZ = 'America/New_York';

// A ticket-like schema of our own (the real one is being written elsewhere): typed, strict on enums.
const TicketRow = z.object({
  number: z.string().regex(/^INC-\d{5}$/),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  priority: z.enum(['low', 'medium', 'high', 'critical']),
  firstResponseBreached: z.boolean(),
  timeSpentMinutes: z.number().int().nonnegative(),
  escalationLevel: z.number().int().min(0).max(3),
}).catchall(z.unknown());

/** What import should give back for a row we exported: empty cells absent, instants as ISO strings, lists as their joined text. */
function expected(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of INCIDENT_LOG_COLUMNS) {
    const v = row[c.key];
    if (v === null || v === undefined || v === '') continue;
    if (c.type === 'datetime') out[c.key] = new Date(toInstantMs(v)!).toISOString();
    else if (Array.isArray(v)) out[c.key] = v.join('; ');
    else out[c.key] = v;
  }
  return out;
}

let t: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => (t = await tempDir()));
afterEach(() => t.cleanup());

describe.each(['csv', 'xlsx'] as const)('%s: export, then import with the same columns', (format) => {
  it('gives back the same values, across a DST change, with formula-like text intact', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => incidentRow(i + 1));
    const path = join(t.dir, `log.${format}`);
    const exported = await runExport({ format, path, columns: INCIDENT_LOG_COLUMNS, meta: { exportedBy: 'Dana', scope: 'All', timeZone: TZ } }, chunksOf(rows, 7));
    expect(exported.ok).toBe(true);

    const preview = await previewImport(path, INCIDENT_LOG_COLUMNS);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.suggestedMapping).toEqual(suggestMapping(INCIDENT_LOG_COLUMNS.map((c) => c.header), INCIDENT_LOG_COLUMNS));

    const imported = await dryRunImport(path, {
      fields: INCIDENT_LOG_COLUMNS,
      mapping: preview.value.suggestedMapping,
      schema: TicketRow,
      unique: { fields: ['number'] },
      timeZone: TZ,
    });
    if (!imported.ok) throw new Error(imported.error.message);
    expect(imported.value.errors).toEqual([]);
    expect(imported.value.records).toEqual(rows.map(expected));
    expect(imported.value.records[0]!.title).toBe('=HYPERLINK("http://evil.example","Click")');
    expect(imported.value.records[2]!.pendingReason).toBe('-waiting on vendor');
  });

  it('reports the same rows as duplicates when they already exist', async () => {
    const rows = Array.from({ length: 3 }, (_, i) => incidentRow(i + 1));
    const path = join(t.dir, `log.${format}`);
    await runExport({ format, path, columns: INCIDENT_LOG_COLUMNS, meta: { exportedBy: 'Dana', scope: 'All', timeZone: TZ } }, [rows]);
    const mapping = Object.fromEntries(INCIDENT_LOG_COLUMNS.map((c, i) => [c.key, i]));
    const r = await dryRunImport(path, { fields: INCIDENT_LOG_COLUMNS, mapping, schema: TicketRow, unique: { fields: ['number'] }, existingKeys: ['INC-00002'], timeZone: TZ });
    expect(r.ok && r.value.errors.map((e) => [e.row, e.errors[0]!.message])).toEqual([[3, 'Already exists: a record with number "INC-00002" is already in FieldDesk']]);
  });
});
