import type { XlsxCellValue } from '../../../../shared/export/cell-values';
import { toXlsxCell } from '../../../../shared/export/cell-values';
import type { ColumnDef } from '../../../../shared/export/columns';
import { rowXml, sheetEndXml, sheetStartXml } from './sheet-xml';
import { STYLE } from './styles-xml';

const DATETIME: ColumnDef = { key: 'v', header: '', type: 'datetime', width: 0 };

/**
 * The "About this export" sheet, whole: a bold title, then label/value lines
 * (aboutLines) with bold labels and left-aligned, wrapped values; a Date
 * value is written as a date cell in the export's time zone.
 */
export function aboutSheetXml(lines: ReadonlyArray<[string, string | number | Date]>, timeZone: string): string {
  let xml = sheetStartXml({ columns: [{ width: 34, style: STYLE.none }, { width: 90, style: STYLE.none }], frozenHeader: false, selected: false });
  xml += rowXml(1, [{ value: 'FieldDesk incident log export', style: STYLE.aboutTitle }]);
  lines.forEach(([label, value], i) => {
    const cell: XlsxCellValue = value instanceof Date ? toXlsxCell(value, DATETIME, timeZone) : value;
    xml += rowXml(i + 2, [
      { value: label, style: STYLE.aboutLabel },
      { value: cell, style: value instanceof Date ? STYLE.aboutDate : STYLE.aboutValue },
    ]);
  });
  return xml + sheetEndXml(null);
}
