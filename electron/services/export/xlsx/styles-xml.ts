import type { ColumnType } from '../../../../shared/export/columns';
import { XLSX_NUM_FMT } from '../../../../shared/export/cell-values';
import { SPREADSHEET_NS, XML_HEAD } from './parts-xml';
import { escapeXml } from './xml-text';

/** Format of the "Exported at" cell of the About sheet: to the second, unlike the datetime columns. */
export const ABOUT_DATE_FMT = 'yyyy-mm-dd hh:mm:ss';

/** Built-in formats Excel knows by number in every locale; others are declared from id 164. */
const BUILT_IN_NUM_FMT: Readonly<Record<string, number>> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4 };

/** The fixed cell styles (indexes into cellXfs, in this order); the column types' formats follow them. */
export const STYLE = { none: 0, header: 1, aboutTitle: 2, aboutLabel: 3, aboutValue: 4, aboutDate: 5 } as const;

const FONTS = ['', '<b/>', '<b/><sz val="14"/>'].map((f) => `<font>${f}${f.includes('sz') ? '' : '<sz val="11"/>'}<name val="Calibri"/><family val="2"/></font>`);

const xf = (numFmtId: number, fontId: number, fillId: number, extra = '') =>
  `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"` +
  (numFmtId ? ' applyNumberFormat="1"' : '') +
  (fontId ? ' applyFont="1"' : '') +
  (fillId ? ' applyFill="1"' : '') +
  (extra ? ` applyAlignment="1"><alignment ${extra}/></xf>` : '/>');

function buildStyles(): { xml: string; byType: Readonly<Partial<Record<ColumnType, number>>> } {
  const declared: string[] = [];
  const numFmtIds = new Map<string, number>(Object.entries(BUILT_IN_NUM_FMT));
  const idOf = (code: string): number => {
    let id = numFmtIds.get(code);
    if (id === undefined) {
      id = 164 + declared.length;
      declared.push(`<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
      numFmtIds.set(code, id);
    }
    return id;
  };
  const xfs = [
    xf(0, 0, 0), // none
    xf(0, 1, 2, 'vertical="top" wrapText="1"'), // header: bold on a pale blue fill
    xf(0, 2, 0), // aboutTitle
    xf(0, 1, 0), // aboutLabel
    xf(0, 0, 0, 'horizontal="left" wrapText="1"'), // aboutValue
    xf(idOf(ABOUT_DATE_FMT), 0, 0, 'horizontal="left" wrapText="1"'), // aboutDate
  ];
  const byType: Partial<Record<ColumnType, number>> = {};
  for (const [type, code] of Object.entries(XLSX_NUM_FMT) as Array<[ColumnType, string]>) {
    const id = idOf(code);
    if (id === 0) continue; // General is what a cell without a style shows
    byType[type] = xfs.length;
    xfs.push(xf(id, 0, 0));
  }
  const xml =
    XML_HEAD +
    `<styleSheet xmlns="${SPREADSHEET_NS}">` +
    (declared.length ? `<numFmts count="${declared.length}">${declared.join('')}</numFmts>` : '') +
    `<fonts count="${FONTS.length}">${FONTS.join('')}</fonts>` +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
    '<fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF4"/><bgColor indexed="64"/></patternFill></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '<dxfs count="0"/><tableStyles count="0"/>' +
    '</styleSheet>';
  return { xml, byType };
}

const built = buildStyles();

/** xl/styles.xml: the same for every export. */
export const STYLES_XML = built.xml;

/** The cell style of a column type: its number format, or none. */
export function styleForType(type: ColumnType): number {
  return built.byType[type] ?? STYLE.none;
}
