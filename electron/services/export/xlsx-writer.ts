import type { WriteStream } from 'node:fs';
import { aboutLines } from '../../../shared/export/export-meta';
import { err, ok, type Result } from '../../../shared/result';
import { describeFileError, discardFile, tempPathFor } from '../files/atomic-file';
import type { ResolvedExport } from './export-session';
import type { ExportRow, FormatWriter } from './export-types';
import { assertWritable, endOutput, openOutput } from './open-output';
import { aboutSheetXml } from './xlsx/about-sheet';
import { APP_PROPS_XML, contentTypesXml, corePropsXml, ROOT_RELS_XML, sheetPartName, workbookRelsXml, workbookXml, type WorkbookSheet } from './xlsx/parts-xml';
import { SheetPart } from './xlsx/sheet-part';
import { STYLES_XML } from './xlsx/styles-xml';
import { ZipWriter } from './xlsx/zip-stream';

export const INCIDENTS_SHEET = 'Incidents';
export const WORK_LOG_SHEET = 'Work log';
export const ABOUT_SHEET = 'About this export';

/**
 * White space after the workbook part's root element (XML allows it; it
 * deflates to a few bytes). ExcelJS's streaming reader, which import uses,
 * stops at the end of the ZIP data even if it has not yet taken the last parts
 * (about 1 read in 250 of a small workbook, under load, with this writer as
 * with ExcelJS's own). A last part larger than the unzip stream's buffers
 * holds the end back until the reader has taken it.
 */
const READER_PADDING = `\n${' '.repeat(128 * 1024)}`;

/** Fast deflate: level 1 is several times quicker than the default for a few percent more bytes (bench/export). */
const DEFLATE_LEVEL = 1;

/**
 * XLSX written as it goes: SpreadsheetML built as text a chunk of rows at a
 * time and deflated into a streaming ZIP (xlsx/). Sheets are written one
 * after the other: Incidents, the optional Work log, then About this export.
 */
class XlsxWriter implements FormatWriter {
  private open: SheetPart | null;
  private workLogStarted = false;
  private readonly sheets: WorkbookSheet[] = [];

  constructor(
    private readonly cfg: ResolvedExport,
    private readonly file: WriteStream,
    private readonly zip: ZipWriter,
    incidents: SheetPart,
    readonly files: ReadonlyArray<{ temp: string; final: string }>,
  ) {
    this.open = incidents;
  }

  private check(): void {
    this.zip.check();
    assertWritable(this.file);
  }

  private async closeSheet(signal: AbortSignal): Promise<void> {
    if (!this.open) return;
    const sheet = this.open;
    this.open = null;
    this.sheets.push(await sheet.close(signal));
  }

  private async startWorkLog(signal: AbortSignal): Promise<SheetPart> {
    const columns = this.cfg.workLogColumns;
    if (!columns) throw new Error('No work-log sheet was requested');
    if (!this.workLogStarted) {
      await this.closeSheet(signal);
      this.workLogStarted = true;
      this.open = await SheetPart.open(this.zip, this.sheets.length, WORK_LOG_SHEET, columns, this.cfg.timeZone, signal);
    }
    if (!this.open) throw new Error('The work-log sheet is already finished');
    return this.open;
  }

  async writeRows(rows: readonly ExportRow[], signal: AbortSignal): Promise<void> {
    this.check();
    if (this.workLogStarted || !this.open) throw new Error('Incident rows must all be written before work-log rows');
    await this.open.write(rows, signal);
  }

  async writeWorkLogRows(rows: readonly ExportRow[], signal: AbortSignal): Promise<void> {
    this.check();
    const sheet = await this.startWorkLog(signal);
    await sheet.write(rows, signal);
  }

  async finish(counts: { rows: number; workLogRows: number | null }, signal: AbortSignal): Promise<void> {
    this.check();
    // Requested but no entries sent: still write the sheet, with its header, so its absence is not mistaken for a failure.
    if (this.cfg.workLogColumns) await this.startWorkLog(signal);
    await this.closeSheet(signal);
    const lines = aboutLines(this.cfg.meta, {
      exportedAt: this.cfg.exportedAt,
      timeZone: this.cfg.timeZone,
      columns: this.cfg.columns,
      counts,
      workLogSheet: this.cfg.workLogColumns ? WORK_LOG_SHEET : null,
    });
    this.zip.addFile(sheetPartName(this.sheets.length), aboutSheetXml(lines, this.cfg.timeZone));
    this.sheets.push({ name: ABOUT_SHEET, filter: null });
    // The package parts follow the sheets, in the order ExcelJS's own writer uses, and the workbook part comes
    // last (it names each filter's range, known only now). The order matters to import: ExcelJS's streaming
    // reader sets the sheets aside until it has read the workbook part, and it misses parts that reach it
    // while it is still setting aside the last sheet or when the ZIP ends first: the quick parts give it time
    // to catch up, and READER_PADDING keeps the end back until it has.
    this.zip.addFile('[Content_Types].xml', contentTypesXml(this.sheets.length));
    this.zip.addFile('_rels/.rels', ROOT_RELS_XML);
    this.zip.addFile('docProps/core.xml', corePropsXml(this.cfg.meta.exportedBy, this.cfg.exportedAt));
    this.zip.addFile('docProps/app.xml', APP_PROPS_XML);
    this.zip.addFile('xl/styles.xml', STYLES_XML);
    this.zip.addFile('xl/_rels/workbook.xml.rels', workbookRelsXml(this.sheets.length));
    this.zip.addFile('xl/workbook.xml', workbookXml(this.sheets) + READER_PADDING);
    this.zip.finish();
    await endOutput(this.file);
    this.zip.check(); // destroyed while the file was closing: cancelled, not complete
  }

  destroy(): void {
    // Stops the compressor and releases the file handle so the file can be deleted (Windows).
    this.zip.destroy();
  }
}

export async function openXlsxWriter(cfg: ResolvedExport): Promise<Result<FormatWriter>> {
  const temp = tempPathFor(cfg.path);
  let file: WriteStream | null = null;
  let zip: ZipWriter | null = null;
  try {
    file = await openOutput(temp);
    zip = new ZipWriter(file, { level: DEFLATE_LEVEL, modified: cfg.exportedAt });
    const incidents = await SheetPart.open(zip, 0, INCIDENTS_SHEET, cfg.columns, cfg.timeZone);
    return ok(new XlsxWriter(cfg, file, zip, incidents, [{ temp, final: cfg.path }]));
  } catch (e) {
    if (zip) zip.destroy();
    else file?.destroy();
    await discardFile(temp);
    return err('internal', describeFileError(e, cfg.path));
  }
}
