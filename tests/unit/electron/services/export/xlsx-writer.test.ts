import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { XLSX_MAX_TEXT, XLSX_NUM_FMT } from '../../../../../shared/export/cell-values';
import { INCIDENT_LOG_COLUMNS, WORK_LOG_COLUMNS, withTimeZoneHeaders, type ColumnDef, type ColumnType } from '../../../../../shared/export/columns';
import { runExport } from '../../../../../electron/services/export/export-session';
import { escapeXml } from '../../../../../electron/services/export/xlsx/xml-text';
import { readXlsxRows } from '../../../../../electron/services/import/xlsx-rows';
import { chunksOf, incidentRow, tempDir } from './sample-rows';
import { readZip, unzipTest } from './zip-reader';

const meta = { exportedBy: 'Dana <Supervisor> & "Co"', exportedAt: '2024-03-12T15:00:00Z', scope: 'All', timeZone: 'UTC' };

let t: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => (t = await tempDir()));
afterEach(() => t.cleanup());

async function exportRows(columns: readonly ColumnDef[], rows: Record<string, unknown>[], workLog?: Record<string, unknown>[]) {
  const path = join(t.dir, 'out.xlsx');
  const result = await runExport(
    { format: 'xlsx', path, columns, meta, ...(workLog ? { workLog: { columns: WORK_LOG_COLUMNS } } : {}) },
    chunksOf(rows, 1000),
    workLog ? [workLog] : undefined,
  );
  if (!result.ok) throw new Error(result.error.message);
  return path;
}

async function readExcelJs(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

describe('XML text', () => {
  const cases: Array<[string, string, string]> = [
    ['nothing to do', 'plain text, nothing to do', 'plain text, nothing to do'],
    ['markup', 'a < b && c > d "q"', 'a &lt; b &amp;&amp; c &gt; d &quot;q&quot;'],
    ['the end of a CDATA section', 'end ]]> of CDATA', 'end ]]&gt; of CDATA'],
    ['C0 controls XML 1.0 forbids: dropped', 'nul\u0000 bell\u0007 vt\u000B ff\u000C esc\u001B', 'nul bell vt ff esc'],
    ['tab and LF kept, CR as a reference', 'tab\tLF\nCR\r', 'tab\tLF\nCR&#13;'],
    ['emoji (surrogate pairs) kept', 'emoji 😀 and 👩‍👩‍👧', 'emoji 😀 and 👩‍👩‍👧'],
    ['unpaired surrogates and non-characters dropped', 'lone \uD800 high, lone \uDC00 low, \uFFFE\uFFFF', 'lone  high, lone  low, '],
    ['DEL is allowed', '\u007F DEL', '\u007F DEL'],
  ];
  it.each(cases)('%s', (_, text, xml) => expect(escapeXml(text)).toBe(xml));
});

const TEXT: ColumnDef[] = [{ key: 'text', header: 'Text', type: 'text', width: 30 }];

describe('XLSX writer: hostile text, read back by ExcelJS and SheetJS', () => {
  const cases: Array<[string, string]> = [
    ['a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg', 'abcdefg'],
    ['tab\there\nnew line', 'tab\there\nnew line'],
    ['windows\r\nline end', 'windows\r\nline end'],
    [']]> <tag attr="x"> & &amp; &lt; &#65;', ']]> <tag attr="x"> & &amp; &lt; &#65;'],
    ['emoji 😀 👩‍👩‍👧 ok', 'emoji 😀 👩‍👩‍👧 ok'],
    ['lone \uD800 half \uDC00 z', 'lone  half  z'],
    ['\uFFFE\uFFFF not characters', ' not characters'],
    ['  spaces at both ends  ', '  spaces at both ends  '],
    ['=SUM(A1:A2)', '=SUM(A1:A2)'],
    ['<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>&e;', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>&e;'],
  ];

  it('writes each text as typed, minus the characters XML cannot hold', async () => {
    const path = await exportRows(
      TEXT,
      cases.map(([text]) => ({ text })),
    );
    const ws = (await readExcelJs(path)).getWorksheet('Incidents')!;
    const sheet = XLSX.read(await readFile(path)).Sheets['Incidents']!;
    cases.forEach(([, expected], i) => {
      const cell = ws.getCell(`A${i + 2}`);
      expect(cell.type, expected).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(expected);
      expect(sheet[`A${i + 2}`]).toMatchObject({ t: 's', v: expected });
    });
  });

  it(`keeps Excel's ${XLSX_MAX_TEXT}-character cell limit: longer text is cut and marked with …`, async () => {
    const rows = [
      { text: 'x'.repeat(40_000) },
      { text: 'y'.repeat(XLSX_MAX_TEXT) },
      { text: 'a'.repeat(XLSX_MAX_TEXT - 2) + '😀😀' }, // the cut falls inside a surrogate pair
      { text: '<&>'.repeat(20_000) },
    ];
    const path = await exportRows(TEXT, rows);
    const ws = (await readExcelJs(path)).getWorksheet('Incidents')!;
    const sheet = XLSX.read(await readFile(path)).Sheets['Incidents']!;
    const values = [2, 3, 4, 5].map((r) => ws.getCell(`A${r}`).value as string);
    expect(values.map((v) => v.length)).toEqual([XLSX_MAX_TEXT, XLSX_MAX_TEXT, XLSX_MAX_TEXT - 1, XLSX_MAX_TEXT]);
    expect(values[0]).toBe(`${'x'.repeat(XLSX_MAX_TEXT - 1)}…`);
    expect(values[1]).toBe(rows[1]!.text);
    expect(values[2]).toBe(`${'a'.repeat(XLSX_MAX_TEXT - 2)}…`); // the orphaned half is dropped, not written as an invalid character
    expect(values[3]).toBe(`${'<&>'.repeat(20_000).slice(0, XLSX_MAX_TEXT - 1)}…`);
    expect([2, 3, 4, 5].map((r) => (sheet[`A${r}`]!.v as string).length)).toEqual(values.map((v) => v.length));
  });
});

describe('XLSX writer: sheet features, read back', () => {
  const rows = Array.from({ length: 3 }, (_, i) => incidentRow(i + 1));
  const workLog = [{ ticketNumber: 'INC-00001', at: '2024-03-09T15:00:00Z', author: 'Bo', visibility: 'public', minutes: 30, text: 'Called' }];

  it('has a frozen, bold, filled and wrapped header, column widths and an autofilter on each data sheet', async () => {
    const path = await exportRows(INCIDENT_LOG_COLUMNS, rows, workLog);
    const wb = await readExcelJs(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Incidents', 'Work log', 'About this export']);
    for (const [name, columns, count] of [['Incidents', INCIDENT_LOG_COLUMNS, 3], ['Work log', WORK_LOG_COLUMNS, 1]] as const) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
      expect(ws.columns.map((c) => c.width)).toEqual(columns.map((c) => c.width));
      expect(ws.autoFilter).toBe(`A1:${name === 'Incidents' ? 'AI' : 'F'}${count + 1}`);
      const header = ws.getCell('A1');
      expect(header.font).toMatchObject({ bold: true });
      expect(header.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } });
      expect(header.alignment).toMatchObject({ vertical: 'top', wrapText: true });
      expect(ws.getRow(1).values).toEqual([undefined, ...withTimeZoneHeaders(columns, 'UTC').map((c) => c.header)]);
    }
  });

  it('names each autofilter _xlnm._FilterDatabase in the workbook, as Excel does', async () => {
    const path = await exportRows(INCIDENT_LOG_COLUMNS, rows, workLog);
    const workbookXml = readZip(await readFile(path)).find((e) => e.name === 'xl/workbook.xml')!.data.toString('utf8');
    expect(workbookXml).toContain('<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Incidents!$A$1:$AI$4</definedName>');
    expect(workbookXml).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">'Work log'!$A$1:$F$2</definedName>`);
    const names = XLSX.read(await readFile(path)).Workbook?.Names ?? [];
    expect(names.filter((n) => n.Name === '_xlnm._FilterDatabase').map((n) => [n.Sheet, n.Ref])).toEqual([
      [0, 'Incidents!$A$1:$AI$4'],
      [1, "'Work log'!$A$1:$F$2"],
    ]);
  });

  it('gives every typed column its number format, dates as serial numbers', async () => {
    const types: ColumnType[] = ['date', 'datetime', 'duration_minutes', 'number', 'boolean'];
    const columns = types.map((type, i): ColumnDef => ({ key: 'dtmnb'[i]!, header: type, type, width: 12 }));
    const path = await exportRows(columns, [{ d: '2024-03-10', t: '2024-03-10T06:30:00Z', m: 1234, n: -2.5, b: true }]);
    const ws = (await readExcelJs(path)).getWorksheet('Incidents')!;
    expect(ws.getCell('A2').value).toEqual(new Date('2024-03-10T00:00:00Z'));
    expect(ws.getCell('A2').numFmt).toBe(XLSX_NUM_FMT.date);
    expect(ws.getCell('B2').value).toEqual(new Date('2024-03-10T06:30:00Z'));
    expect(ws.getCell('B2').numFmt).toBe(XLSX_NUM_FMT.datetime);
    expect(ws.getCell('C2')).toMatchObject({ value: 1234, numFmt: XLSX_NUM_FMT.duration_minutes });
    expect(ws.getCell('D2').value).toBe(-2.5);
    expect(ws.getCell('E2').value).toBe(true);

    const sheet = XLSX.read(await readFile(path), { cellNF: true }).Sheets['Incidents']!;
    expect(sheet['A2']).toMatchObject({ t: 'n', v: 45361, z: 'yyyy-mm-dd' }); // 2024-03-10 is day 45361 in Excel's 1900 system
    expect(sheet['B2']).toMatchObject({ t: 'n', z: 'yyyy-mm-dd hh:mm' });
    expect(sheet['B2']!.v).toBeCloseTo(45361 + 6.5 / 24, 9);
    expect(sheet['C2']).toMatchObject({ t: 'n', v: 1234, w: '1,234' });
  });

  it('writes the About sheet as before: a large bold title, bold labels, the export time as a date; and who made the file', async () => {
    const path = await exportRows(INCIDENT_LOG_COLUMNS, rows);
    const wb = await readExcelJs(path);
    expect(wb.creator).toBe(meta.exportedBy);
    expect(wb.created).toEqual(new Date(meta.exportedAt));
    const about = wb.getWorksheet('About this export')!;
    expect(about.views[0]?.state ?? 'normal').toBe('normal');
    expect(about.columns.map((c) => c.width)).toEqual([34, 90]);
    expect(about.getCell('A1')).toMatchObject({ value: 'FieldDesk incident log export', font: { bold: true, size: 14 } });
    expect(about.getCell('A2')).toMatchObject({ value: 'Exported by', font: { bold: true } });
    expect(about.getCell('B2')).toMatchObject({ value: meta.exportedBy, alignment: { horizontal: 'left', wrapText: true } });
    expect(about.getCell('B3')).toMatchObject({ value: new Date('2024-03-12T15:00:00Z'), numFmt: 'yyyy-mm-dd hh:mm:ss' });
  });
});

describe('XLSX writer: a workbook of several MB', () => {
  it('is a valid ZIP (strict reader, unzip -t) that ExcelJS, SheetJS and the import reader read to the last row', async () => {
    const rows = Array.from({ length: 6_000 }, (_, i) => ({ ...incidentRow(i + 1), resolutionText: randomBytes(600).toString('hex') }));
    const path = await exportRows(INCIDENT_LOG_COLUMNS, rows);
    const bytes = await readFile(path);
    expect(bytes.length).toBeGreaterThan(3 * 1024 * 1024);
    expect(readZip(bytes).map((e) => e.name)).toEqual([
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'docProps/app.xml',
      'xl/styles.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml',
    ]);
    const unzip = await unzipTest(path);
    if (unzip) expect(unzip, unzip.output).toMatchObject({ ok: true });

    const col = INCIDENT_LOG_COLUMNS.findIndex((c) => c.key === 'resolutionText') + 1;
    const ws = (await readExcelJs(path)).getWorksheet('Incidents')!;
    expect(ws.rowCount).toBe(6_001);
    expect(ws.getRow(6_001).getCell(col).value).toBe(rows[5_999]!.resolutionText);
    const sheet = XLSX.read(bytes).Sheets['Incidents']!;
    expect(sheet['!ref']).toBe('A1:AI6001');
    expect(sheet[XLSX.utils.encode_cell({ r: 6_000, c: col - 1 })]!.v).toBe(rows[5_999]!.resolutionText);

    // Import's streaming reader, which is particular about the order of the parts (see xlsx-writer.ts).
    let last: unknown[] = [];
    let count = 0;
    for await (const r of readXlsxRows(path)) {
      count++;
      last = r.cells;
    }
    expect(count).toBe(6_001);
    expect(last[col - 1]).toBe(rows[5_999]!.resolutionText);
  }, 60_000);
});
