import fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { INCIDENT_LOG_COLUMNS, WORK_LOG_COLUMNS } from '../../../../../shared/export/columns';
import { runExport } from '../../../../../electron/services/export/export-session';
import { readXlsxRows } from '../../../../../electron/services/import/xlsx-rows';
import { chunksOf, incidentRow, tempDir } from '../export/sample-rows';

let t: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => (t = await tempDir()));
afterEach(() => t.cleanup());

/**
 * ExcelJS's streaming reader copies each sheet to a temporary file and deletes
 * it when the next sheet is asked for. A sheet the import skips used to be
 * deleted before its read stream had opened, an uncaught ENOENT that CI met
 * under load. Here every open of those files is slow, as on a loaded machine.
 */
it('reads past the sheets it skips without losing their temporary files under it', async () => {
  const path = join(t.dir, 'log.xlsx');
  const rows = Array.from({ length: 30 }, (_, i) => incidentRow(i + 1));
  const workLog = [{ ticketNumber: 'INC-00001', at: '2024-03-09T15:00:00Z', author: 'Bo', visibility: 'public', minutes: 30, text: 'Called' }];
  const exported = await runExport(
    { format: 'xlsx', path, columns: INCIDENT_LOG_COLUMNS, meta: { exportedBy: 'Dana', scope: 'All', timeZone: 'UTC' }, workLog: { columns: WORK_LOG_COLUMNS } },
    chunksOf(rows, 10),
    [workLog],
  );
  expect(exported.ok).toBe(true);

  const realOpen = fs.open;
  const slowOpen = vi.spyOn(fs, 'open').mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
    const open = () => (realOpen as (...a: unknown[]) => void)(file, ...rest);
    if (String(file).includes(`tmp-${process.pid}-`)) setTimeout(open, 40);
    else open();
  }) as unknown as typeof fs.open);
  const uncaught: unknown[] = [];
  const onUncaught = (e: unknown) => uncaught.push(e);
  process.on('uncaughtException', onUncaught);
  try {
    let count = 0;
    for await (const r of readXlsxRows(path)) if (r.cells.length > 0) count++;
    expect(count).toBe(rows.length + 1);
    // Give a late open of a deleted file the time to fail.
    await new Promise((r) => setTimeout(r, 200));
    expect(slowOpen).toHaveBeenCalled();
    expect(uncaught).toEqual([]);
  } finally {
    process.off('uncaughtException', onUncaught);
    slowOpen.mockRestore();
  }
});
