import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INCIDENT_LOG_COLUMNS, WORK_LOG_COLUMNS, withTimeZoneHeaders } from '../../../../../shared/export/columns';
import { runExport } from '../../../../../electron/services/export/export-session';
import { chunksOf, incidentRow, tempDir } from './sample-rows';

const TZ = 'America/New_York';
const meta = {
  exportedBy: 'Dana Supervisor',
  exportedAt: '2024-03-12T15:00:00Z',
  scope: 'Current view: Open incidents',
  filters: [{ label: 'Status', value: 'open, pending' }],
  dateRange: { field: 'Created', from: '2024-03-01', to: '2024-03-31' },
  timeZone: TZ,
};

let t: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => (t = await tempDir()));
afterEach(() => t.cleanup());

async function exportSample(rows = 5, withWorkLog = false) {
  const path = join(t.dir, 'incidents.xlsx');
  const data = Array.from({ length: rows }, (_, i) => incidentRow(i + 1));
  const workLog = [
    { ticketNumber: 'INC-00001', at: '2024-03-09T15:00:00Z', author: 'Bo Chen', visibility: 'public', minutes: 30, text: 'Called the clerk' },
    { ticketNumber: 'INC-00001', at: '2024-03-09T16:30:00Z', author: 'Bo Chen', visibility: 'internal', minutes: 5, text: '+1 from vendor' },
  ];
  const result = await runExport(
    { format: 'xlsx', path, columns: INCIDENT_LOG_COLUMNS, meta, ...(withWorkLog ? { workLog: { columns: WORK_LOG_COLUMNS } } : {}) },
    chunksOf(data, 2),
    withWorkLog ? [workLog] : undefined,
  );
  return { path, result, data };
}

const col = (key: string) => INCIDENT_LOG_COLUMNS.findIndex((c) => c.key === key) + 1;

describe('XLSX export, read back with ExcelJS', () => {
  it('writes typed cells with number formats, not strings', async () => {
    const { path, result } = await exportSample();
    expect(result).toMatchObject({ ok: true, value: { path, rows: 5, workLogRows: null } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('Incidents')!;
    const row2 = ws.getRow(2);

    const created = row2.getCell(col('createdAt'));
    expect(created.type).toBe(ExcelJS.ValueType.Date);
    // 2024-03-09 15:00 UTC is 10:00 in New York (EST, before the DST change).
    expect((created.value as Date).toISOString()).toBe('2024-03-09T10:00:00.000Z');
    expect(created.numFmt).toBe('yyyy-mm-dd hh:mm');

    const spent = row2.getCell(col('timeSpentMinutes'));
    expect(spent.type).toBe(ExcelJS.ValueType.Number);
    expect(spent.value).toBe(15);
    expect(spent.numFmt).toBe('#,##0');

    expect(row2.getCell(col('firstResponseBreached')).value).toBe(false);
    expect(row2.getCell(col('escalationLevel')).value).toBe(1);
    expect(row2.getCell(col('title')).value).toBe('=HYPERLINK("http://evil.example","Click")');
    expect(row2.getCell(col('title')).type).toBe(ExcelJS.ValueType.String); // text, never a formula
    expect(row2.getCell(col('tags')).value).toBe('vpn; court');
    expect(row2.getCell(col('closedAt')).value).toBeNull();
  });

  it('has a bold, frozen header row, an autofilter over the data and column widths', async () => {
    const { path } = await exportSample();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('Incidents')!;
    expect(ws.getRow(1).values).toEqual([undefined, ...withTimeZoneHeaders(INCIDENT_LOG_COLUMNS, TZ).map((c) => c.header)]);
    expect(ws.getRow(1).values).toContain(`Created (${TZ})`); // each time column says its zone
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:AI6');
    expect(ws.getColumn(col('title')).width).toBe(40);
    expect(ws.rowCount).toBe(6);
  });

  it('adds a sheet that says who exported what, when, with which filters', async () => {
    const { path } = await exportSample(3, true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Incidents', 'Work log', 'About this export']);
    const about = wb.getWorksheet('About this export')!;
    const lines = new Map<string, unknown>();
    about.eachRow((r) => lines.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(lines.get('Exported by')).toBe('Dana Supervisor');
    expect((lines.get('Exported at') as Date).toISOString()).toBe('2024-03-12T11:00:00.000Z'); // 15:00Z in New York (EDT)
    expect(lines.get('Time zone of all times')).toBe(TZ);
    expect(lines.get('What')).toBe('Current view: Open incidents');
    expect(lines.get('Filter: Status')).toBe('open, pending');
    expect(lines.get('Date range (Created)')).toBe('2024-03-01 to 2024-03-31');
    expect(lines.get('Incidents')).toBe(3);
    expect(lines.get('Work-log entries (sheet "Work log")')).toBe(2);
  });

  it('writes the work-log entries as a second sheet with its own header and types', async () => {
    const { path } = await exportSample(3, true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('Work log')!;
    expect(ws.getRow(1).values).toEqual([undefined, ...withTimeZoneHeaders(WORK_LOG_COLUMNS, TZ).map((c) => c.header)]);
    expect((ws.getCell('B2').value as Date).toISOString()).toBe('2024-03-09T10:00:00.000Z');
    expect(ws.getCell('E3').value).toBe(5);
    expect(ws.getCell('F3').value).toBe('+1 from vendor');
    expect(ws.autoFilter).toBe('A1:F3');
  });
});

describe('XLSX export, read back with SheetJS (an independent reader)', () => {
  it('sees dates as numbers with a date format, booleans and numbers typed, text as strings', async () => {
    const { path, data } = await exportSample(4);
    const wb = XLSX.read(await readFile(path), { cellDates: false, cellNF: true });
    const ws = wb.Sheets['Incidents']!;
    const addr = (key: string, row: number) => XLSX.utils.encode_cell({ c: col(key) - 1, r: row - 1 });

    const created = ws[addr('createdAt', 3)]!; // row 2 of data: 2024-03-09 16:00 EST
    expect(created.t).toBe('n');
    expect(created.z).toBe('yyyy-mm-dd hh:mm');
    expect(XLSX.SSF.format(created.z as string, created.v as number)).toBe('2024-03-09 11:00');
    expect(XLSX.SSF.is_date(created.z as string)).toBe(true);

    expect(ws[addr('firstResponseBreached', 3)]).toMatchObject({ t: 'b', v: true });
    expect(ws[addr('timeSpentMinutes', 5)]).toMatchObject({ t: 'n', v: 60 });
    expect(ws[addr('title', 3)]).toMatchObject({ t: 's', v: data[1]!.title });
    expect(ws[addr('resolutionText', 4)]).toMatchObject({ t: 's', v: 'Replaced the toner.\nTested with the clerk.' });
    expect(ws[addr('pendingReason', 4)]).toMatchObject({ t: 's', v: '-waiting on vendor' });
    expect(ws['!autofilter']).toEqual({ ref: 'A1:AI5' });
    expect(wb.SheetNames).toEqual(['Incidents', 'About this export']);
  });

  it('writes the wall clock of the zone, which skips an hour at the DST change', async () => {
    const { path } = await exportSample(20);
    const wb = XLSX.read(await readFile(path), { cellDates: false, cellNF: true });
    const ws = wb.Sheets['Incidents']!;
    const text = (row: number) => {
      const cell = ws[XLSX.utils.encode_cell({ c: col('createdAt') - 1, r: row - 1 })]!;
      return XLSX.SSF.format(cell.z as string, cell.v as number);
    };
    // Data row i (sheet row i + 1) was created at 2024-03-09 14:00Z + i hours; at 07:00Z on 10 March New York moves from EST to EDT.
    expect(text(17)).toBe('2024-03-10 01:00'); // 06:00Z, EST
    expect(text(18)).toBe('2024-03-10 03:00'); // 07:00Z, EDT: an hour later in real time, two on the clock
  });
});
