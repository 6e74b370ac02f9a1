import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ColumnDef } from '../../../../../shared/export/columns';
import { WORK_LOG_COLUMNS } from '../../../../../shared/export/columns';
import { defaultWorkLogPath, runExport } from '../../../../../electron/services/export/export-session';
import { tempDir } from './sample-rows';

const COLUMNS: ColumnDef[] = [
  { key: 'number', header: 'Number', type: 'text', width: 10 },
  { key: 'createdAt', header: 'Created', type: 'datetime', width: 17 },
  { key: 'title', header: 'Title', type: 'text', width: 30 },
  { key: 'breached', header: 'Breached', type: 'boolean', width: 8 },
  { key: 'minutes', header: 'Time spent (minutes)', type: 'duration_minutes', width: 8 },
];
const meta = { exportedBy: 'Dana', scope: 'Whole incident log', timeZone: 'Europe/Berlin' };

let t: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => (t = await tempDir()));
afterEach(() => t.cleanup());

describe('CSV export', () => {
  it('writes UTF-8 with a BOM, RFC 4180 quoting, CRLF line ends and the formula guard', async () => {
    const path = join(t.dir, 'log.csv');
    const rows = [
      { number: 'INC-1', createdAt: '2024-07-01T10:00:00Z', title: 'Café printer, "again"', breached: true, minutes: 30 },
      { number: 'INC-2', createdAt: null, title: '=cmd|" /C calc"!A0', breached: false, minutes: 0 },
      { number: 'INC-3', createdAt: '2024-12-01T10:00:00Z', title: 'two\nlines', breached: null, minutes: null },
      { number: '@SUM(1)', createdAt: undefined, title: '-1+2', breached: undefined, minutes: undefined },
    ];
    const result = await runExport({ format: 'csv', path, columns: COLUMNS, meta }, [rows.slice(0, 2), rows.slice(2)]);
    expect(result).toMatchObject({ ok: true, value: { rows: 4, workLogPath: null } });
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').slice(1)).toBe(
      'Number,Created (Europe/Berlin),Title,Breached,Time spent (minutes)\r\n' +
        'INC-1,2024-07-01 12:00:00,"Café printer, ""again""",TRUE,30\r\n' +
        `INC-2,,"'=cmd|"" /C calc""!A0",FALSE,0\r\n` +
        'INC-3,2024-12-01 11:00:00,"two\nlines",,\r\n' +
        "'@SUM(1),,'-1+2,,\r\n",
    );
    expect(await t.list()).toEqual(['log.csv']);
  });

  it('opens in SheetJS with the guarded cells as text, not formulas', async () => {
    const path = join(t.dir, 'log.csv');
    await runExport({ format: 'csv', path, columns: COLUMNS, meta }, [[{ number: 'INC-9', title: '=1+1' }]]);
    const ws = XLSX.read(await readFile(path), { type: 'buffer' }).Sheets.Sheet1!;
    expect(ws.C2).toMatchObject({ t: 's', v: "'=1+1" });
    expect(ws.C2.f).toBeUndefined();
  });

  it('writes the work-log entries as a second file next to the first', async () => {
    const path = join(t.dir, 'March.csv');
    const result = await runExport(
      { format: 'csv', path, columns: COLUMNS, meta, workLog: { columns: WORK_LOG_COLUMNS } },
      [[{ number: 'INC-1' }]],
      [[{ ticketNumber: 'INC-1', at: '2024-07-01T10:00:00Z', author: 'Bo', visibility: 'public', minutes: 5, text: 'Called' }]],
    );
    expect(result).toMatchObject({ ok: true, value: { workLogPath: join(t.dir, 'March - work log.csv'), workLogRows: 1 } });
    expect(await t.list()).toEqual(['March - work log.csv', 'March.csv']);
    const text = (await readFile(join(t.dir, 'March - work log.csv'), 'utf8')).slice(1);
    expect(text).toBe('Ticket number,At (Europe/Berlin),Author,Visibility,Minutes,Entry\r\nINC-1,2024-07-01 12:00:00,Bo,public,5,Called\r\n');
    expect(defaultWorkLogPath('/x/y.csv')).toBe('/x/y - work log.csv');
  });
});
