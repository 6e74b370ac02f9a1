import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INCIDENT_LOG_COLUMNS, WORK_LOG_COLUMNS } from '../../../../../shared/export/columns';
import { createExportSession, runExport } from '../../../../../electron/services/export/export-session';
import { incidentRow, tempDir } from './sample-rows';

const meta = { exportedBy: 'Dana', scope: 'All', timeZone: 'UTC' };
const chunk = (from: number, n: number) => Array.from({ length: n }, (_, i) => incidentRow(from + i));

let t: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => (t = await tempDir()));
afterEach(() => t.cleanup());

describe.each(['xlsx', 'csv'] as const)('%s export: cancel and failure leave no partial file', (format) => {
  it('writes only a hidden temporary file until finish, then renames it into place', async () => {
    const path = join(t.dir, `out.${format}`);
    const s = (await createExportSession({ format, path, columns: INCIDENT_LOG_COLUMNS, meta }))
    if (!s.ok) throw new Error(s.error.message);
    await s.value.writeRows(chunk(0, 50));
    const during = await t.list();
    expect(during).toHaveLength(1);
    expect(during[0]).toMatch(new RegExp(`^\\.out\\.${format}\\.[0-9a-f]+\\.partial$`));
    expect(await s.value.finish()).toMatchObject({ ok: true });
    expect(await t.list()).toEqual([`out.${format}`]);
  });

  it('abort() mid-export deletes the temporary file and refuses further rows', async () => {
    const path = join(t.dir, `out.${format}`);
    const s = await createExportSession({ format, path, columns: INCIDENT_LOG_COLUMNS, meta, workLog: { columns: WORK_LOG_COLUMNS } });
    if (!s.ok) throw new Error(s.error.message);
    await s.value.writeRows(chunk(0, 500));
    await s.value.abort();
    expect(await t.list()).toEqual([]);
    expect(await s.value.writeRows(chunk(500, 1))).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await s.value.finish()).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    await s.value.abort(); // twice is harmless
  });

  it('an AbortSignal cancels a running export, even while a chunk is being written', async () => {
    const path = join(t.dir, `out.${format}`);
    const controller = new AbortController();
    const progress: number[] = [];
    async function* rows() {
      for (let i = 0; i < 1000; i += 100) {
        if (i === 300) controller.abort();
        yield chunk(i, 100);
      }
    }
    const result = await runExport(
      { format, path, columns: INCIDENT_LOG_COLUMNS, meta, signal: controller.signal, onProgress: (p) => progress.push(p.rowsWritten) },
      rows(),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(progress).toEqual([100, 200, 300]);
    // The abort listener deletes asynchronously; give it a moment.
    await new Promise((r) => setTimeout(r, 50));
    expect(await t.list()).toEqual([]);
  });

  it('a cancelled export leaves an existing file of the same name untouched', async () => {
    const path = join(t.dir, `out.${format}`);
    await writeFile(path, 'the previous export');
    const s = await createExportSession({ format, path, columns: INCIDENT_LOG_COLUMNS, meta });
    if (!s.ok) throw new Error(s.error.message);
    await s.value.writeRows(chunk(0, 10));
    await s.value.abort();
    expect(await t.list()).toEqual([`out.${format}`]);
    expect(await readFile(path, 'utf8')).toBe('the previous export');
  });

  it('a failing row source leaves no file and says why', async () => {
    const path = join(t.dir, `out.${format}`);
    async function* rows() {
      yield chunk(0, 10);
      throw new Error('IndexedDB went away');
    }
    const result = await runExport({ format, path, columns: INCIDENT_LOG_COLUMNS, meta }, rows());
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('IndexedDB went away') } });
    expect(await t.list()).toEqual([]);
  });
});

describe('export option and input checks', () => {
  it('reports a folder that does not exist when the export starts', async () => {
    const r = await createExportSession({ format: 'csv', path: join(t.dir, 'nope', 'x.csv'), columns: INCIDENT_LOG_COLUMNS, meta });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal', message: 'The folder for "x.csv" does not exist.' } });
  });

  it('rejects bad options before touching the disk', async () => {
    const base = { format: 'csv' as const, path: join(t.dir, 'x.csv'), columns: INCIDENT_LOG_COLUMNS, meta };
    expect(await createExportSession({ ...base, path: 'relative.csv' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await createExportSession({ ...base, columns: [] })).toMatchObject({ ok: false, error: { message: 'Columns: No columns chosen' } });
    expect(await createExportSession({ ...base, meta: { ...meta, exportedBy: '' } })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await createExportSession({ ...base, meta: { ...meta, timeZone: 'Mars/Base' } })).toMatchObject({ ok: false, error: { message: 'Unknown time zone "Mars/Base"' } });
    expect(await t.list()).toEqual([]);
  });

  it('keeps the sheets in order: no incident rows after work-log rows, no work-log rows unless asked for', async () => {
    const s = await createExportSession({ format: 'xlsx', path: join(t.dir, 'x.xlsx'), columns: INCIDENT_LOG_COLUMNS, meta });
    if (!s.ok) throw new Error(s.error.message);
    expect(await s.value.writeWorkLogRows([])).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await s.value.writeRows([null as unknown as Record<string, unknown>])).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    await s.value.abort();

    const s2 = await createExportSession({ format: 'xlsx', path: join(t.dir, 'y.xlsx'), columns: INCIDENT_LOG_COLUMNS, meta, workLog: { columns: WORK_LOG_COLUMNS } });
    if (!s2.ok) throw new Error(s2.error.message);
    expect(await s2.value.writeWorkLogRows([])).toMatchObject({ ok: true });
    expect(await s2.value.writeRows(chunk(0, 1))).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await s2.value.finish()).toMatchObject({ ok: true, value: { rows: 0, workLogRows: 0 } });
  });
});
