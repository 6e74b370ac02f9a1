import type { ColumnDef } from '../../../../shared/export/columns';
import { toXlsxCell, type XlsxCellValue } from '../../../../shared/export/cell-values';
import type { ExportRow } from '../export-types';
import { RELATIONSHIP_NS, SPREADSHEET_NS, XML_HEAD } from './parts-xml';
import { STYLE, styleForType } from './styles-xml';
import type { Utf8Builder } from './utf8-builder';
import { escapeXml } from './xml-text';

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const MS_PER_DAY = 86_400_000;
/** Days from Excel's day 0 (1899-12-30, in the 1900 date system) to 1970-01-01. */
const EPOCH_SERIAL = 25_569;

/** A Date from toXlsxCell holds the wall clock in its UTC fields: as a serial day number, it is that wall-clock time. */
export const dateSerial = (d: Date) => EPOCH_SERIAL + d.getTime() / MS_PER_DAY;

/**
 * The serial number as text that reads back as exactly the same double.
 * String(x) finds the shortest such text, which for these fractions of a day
 * is slow (a fifth of the time spent building rows); 17 significant digits
 * always read back exactly and take a quarter of the time. Trailing zeros are
 * trimmed: 45361.500000000000 → 45361.5.
 */
export function serialText(serial: number): string {
  if (Number.isInteger(serial) || !Number.isFinite(serial)) return String(serial);
  const text = serial.toPrecision(17);
  if (text.includes('e')) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--;
  return end === text.length ? text : text.slice(0, end);
}

/**
 * Without xml:space="preserve", white space at either end of a text may be
 * dropped by the reader; ExcelJS also marked every text with a line break, and
 * so does this. Marking only those texts keeps the sheet XML a fifth smaller.
 */
function keepSpaces(text: string): string {
  const last = text.length - 1;
  return last >= 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(last) <= 32 || text.includes('\n')) ? ' xml:space="preserve"' : '';
}

/**
 * The fixed text of one column's cells around the row number: `<c r="AE`
 * before it, the closing quote and the style attribute after it. Made once per
 * column, since the cells are the export's hot loop.
 */
export interface CellPlace {
  before: string;
  after: string;
}

export const cellPlace = (columnIndex: number, style: number): CellPlace => ({
  before: `<c r="${columnLetter(columnIndex + 1)}`,
  after: style === STYLE.none ? '"' : `" s="${style}"`,
});

/** One cell in `place` of row `row` (the number as text). Empty values write no cell at all. */
export function cellXml(place: CellPlace, row: string, value: XlsxCellValue): string {
  if (value === null) return '';
  const head = place.before + row + place.after;
  // Inline strings, not a shared-string table: measured on the bench rows, the table made the XML a third smaller but
  // was no quicker to build, and it would hold every distinct text (up to 100 MB of them) until the end.
  if (typeof value === 'string') return head + ' t="inlineStr"><is><t' + keepSpaces(value) + '>' + escapeXml(value) + '</t></is></c>';
  if (typeof value === 'number') return head + '><v>' + value + '</v></c>';
  if (typeof value === 'boolean') return head + (value ? ' t="b"><v>1</v></c>' : ' t="b"><v>0</v></c>');
  return head + '><v>' + serialText(dateSerial(value)) + '</v></c>';
}

export interface SheetLayout {
  columns: ReadonlyArray<{ width: number; style: number }>;
  /** Header row frozen at the top (the pane below it scrolls). */
  frozenHeader: boolean;
  /** The tab shown when the workbook opens. */
  selected: boolean;
}

/** Everything before the first row: view, column widths and column styles (for cells a person fills in later). */
export function sheetStartXml(layout: SheetLayout): string {
  const pane = layout.frozenHeader
    ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    : '';
  let cols = '';
  layout.columns.forEach((c, i) => (cols += `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.style ? ` style="${c.style}"` : ''}/>`));
  return (
    XML_HEAD +
    `<worksheet xmlns="${SPREADSHEET_NS}" xmlns:r="${RELATIONSHIP_NS}">` +
    `<sheetViews><sheetView workbookViewId="0"${layout.selected ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    '<sheetData>'
  );
}

/** After the last row: the autofilter, which comes after the data in a sheet's XML. */
export function sheetEndXml(filter: string | null): string {
  return '</sheetData>' + (filter ? `<autoFilter ref="${filter}"/>` : '') + '</worksheet>';
}

/** One row of given cells, each with its own style. */
export function rowXml(rowNumber: number, cells: ReadonlyArray<{ value: XlsxCellValue; style: number }>): string {
  const row = String(rowNumber);
  let xml = `<row r="${row}">`;
  cells.forEach((c, i) => (xml += cellXml(cellPlace(i, c.style), row, c.value)));
  return xml + '</row>';
}

export function headerRowXml(columns: readonly ColumnDef[]): string {
  return rowXml(1, columns.map((c) => ({ value: c.header, style: STYLE.header })));
}

export function layoutFor(columns: readonly ColumnDef[], selected: boolean): SheetLayout {
  return { columns: columns.map((c) => ({ width: c.width, style: styleForType(c.type) })), frozenHeader: true, selected };
}

/** The autofilter over header and data, as Excel's own "Filter" button sets it. */
export const filterRange = (columns: readonly ColumnDef[], dataRows: number) => `A1:${columnLetter(columns.length)}${dataRows + 1}`;

/**
 * The rows of one chunk, numbered from `firstRow`, appended to `out`: the
 * export's hot loop, so per-column work (letters, style attributes) is done once.
 */
export function appendDataRows(out: Utf8Builder, rows: readonly ExportRow[], columns: readonly ColumnDef[], timeZone: string, firstRow: number): void {
  const places = columns.map((c, i) => cellPlace(i, styleForType(c.type)));
  let r = firstRow;
  for (const row of rows) {
    const number = String(r++);
    let xml = '<row r="' + number + '">';
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i]!;
      xml += cellXml(places[i]!, number, toXlsxCell(row[column.key], column, timeZone));
    }
    out.append(xml + '</row>');
  }
}
