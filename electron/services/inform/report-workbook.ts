import ExcelJS from 'exceljs';
import { guardFormula } from '../../../shared/export/formula-guard';
import { reportSheets, type StatusReportDoc } from '../../../shared/inform/report-output';

const FORMATS = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm', number: '0', text: '@' } as const;

/**
 * A status report as an .xlsx workbook: one sheet per section, typed cells
 * (dates as dates in the desk's wall-clock time, counts as numbers, text
 * guarded against being run as a formula), the header row frozen.
 */
export async function statusReportWorkbook(doc: StatusReportDoc): Promise<{ bytes: Uint8Array; sheets: string[] }> {
  const book = new ExcelJS.Workbook();
  book.creator = 'FieldDesk';
  book.title = doc.title;
  const sheets = reportSheets(doc);
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = s.columns.map((c) => ({ key: c.key, header: c.header, width: c.width, style: c.type === 'text' ? {} : { numFmt: FORMATS[c.type] } }));
    sheet.getRow(1).font = { bold: true };
    for (const row of s.rows) sheet.addRow(row.map((v) => (typeof v === 'string' ? guardFormula(v) : v)));
  }
  // The first sheet's second column mixes text and dates: each date cell gets its format.
  const first = book.worksheets[0]!;
  first.eachRow((row) =>
    row.eachCell((c) => {
      if (c.value instanceof Date) c.numFmt = c.value.getUTCHours() === 0 && c.value.getUTCMinutes() === 0 ? FORMATS.date : FORMATS.datetime;
    }),
  );
  return { bytes: new Uint8Array(await book.xlsx.writeBuffer()), sheets: sheets.map((s) => s.name) };
}
