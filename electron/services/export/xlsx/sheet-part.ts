import type { ColumnDef } from '../../../../shared/export/columns';
import type { ExportRow } from '../export-types';
import { sheetPartName, type WorkbookSheet } from './parts-xml';
import { appendDataRows, filterRange, headerRowXml, layoutFor, sheetEndXml, sheetStartXml } from './sheet-xml';
import { Utf8Builder } from './utf8-builder';
import type { ZipEntryWriter, ZipWriter } from './zip-stream';

/** Excel's sheet has 1,048,576 rows; one is the header. */
export const MAX_DATA_ROWS = 1_048_575;

/** A data sheet being streamed into its ZIP entry: a frozen, filtered header row, then rows chunk by chunk. */
export class SheetPart {
  private rows = 0;
  /**
   * Two builders used in turn, so that no chunk's bytes are copied: the ZIP
   * entry compresses one chunk while the next is built in the other, and it
   * has finished reading a chunk before it accepts the one after.
   */
  private readonly builders = [new Utf8Builder(), new Utf8Builder()];
  private turn = 0;

  private constructor(
    readonly name: string,
    private readonly entry: ZipEntryWriter,
    private readonly columns: readonly ColumnDef[],
    private readonly timeZone: string,
    private readonly maxRows: number,
  ) {}

  /** Sheet `index` (from 0) of the workbook; the first is the tab shown on opening. `maxRows` is lowered only by tests. */
  static async open(zip: ZipWriter, index: number, name: string, columns: readonly ColumnDef[], timeZone: string, signal?: AbortSignal, maxRows = MAX_DATA_ROWS): Promise<SheetPart> {
    const entry = zip.openEntry(sheetPartName(index));
    await entry.write(sheetStartXml(layoutFor(columns, index === 0)) + headerRowXml(columns), signal);
    return new SheetPart(name, entry, columns, timeZone, maxRows);
  }

  /** One chunk, built whole and written with one call. */
  async write(rows: readonly ExportRow[], signal: AbortSignal): Promise<void> {
    if (rows.length === 0) return;
    // Past the last row Excel refuses the whole file: stop with a reason instead (the export leaves no file).
    if (this.rows + rows.length > this.maxRows)
      throw new Error(`The ${this.name} sheet would have more than ${this.maxRows.toLocaleString('en-US')} rows, more than a spreadsheet holds. Export a date range or a narrower view, or choose CSV.`);
    const bytes = this.builders[this.turn++ % 2]!;
    appendDataRows(bytes, rows, this.columns, this.timeZone, this.rows + 2);
    await this.entry.write(bytes.take(), signal);
    this.rows += rows.length;
  }

  /** Ends the sheet's XML and its ZIP entry; the workbook part names its filter range. */
  async close(signal: AbortSignal): Promise<WorkbookSheet> {
    const filter = filterRange(this.columns, this.rows);
    await this.entry.write(sheetEndXml(filter), signal);
    await this.entry.close();
    return { name: this.name, filter };
  }
}
