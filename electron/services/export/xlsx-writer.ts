import type { WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ColumnDef } from '../../../shared/export/columns';
import { toXlsxCell, XLSX_NUM_FMT } from '../../../shared/export/cell-values';
import { aboutLines } from '../../../shared/export/export-meta';
import { err, ok, type Result } from '../../../shared/result';
import { describeFileError, discardFile, tempPathFor } from '../files/atomic-file';
import { sleep, waitForDrain } from './backpressure';
import type { ResolvedExport } from './export-session';
import type { ExportRow, FormatWriter } from './export-types';
import { assertWritable, openOutput } from './open-output';

export const INCIDENTS_SHEET = 'Incidents';
export const WORK_LOG_SHEET = 'Work log';
export const ABOUT_SHEET = 'About this export';

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * ExcelJS's streaming writer hands each sheet's XML to the zip compressor
 * without waiting for it (its internal StreamBuf ignores backpressure), so a
 * fast producer would pile compressed-but-unwritten data up in memory. These
 * are the internals we look at to wait instead; if a future ExcelJS changes
 * them, the checks find nothing and the export still works, only less frugally.
 */
interface SheetStreamInternals {
  pipes?: Writable[];
  buffers?: unknown[];
}
const QUEUED_BUFFERS_LIMIT = 8; // 64 KiB each

async function relieve(sheet: ExcelJS.Worksheet, file: WriteStream, signal: AbortSignal): Promise<void> {
  const internals = (sheet as unknown as { stream?: SheetStreamInternals }).stream;
  // A sheet whose zip entry has not started yet (the previous sheet is still being compressed) only buffers.
  for (let i = 0; i < 5000 && internals?.pipes?.length === 0 && (internals.buffers?.length ?? 0) > QUEUED_BUFFERS_LIMIT; i++) {
    await sleep(2, signal);
  }
  for (const pipe of internals?.pipes ?? []) await waitForDrain(pipe, signal);
  await waitForDrain(file, signal);
}

function setUpSheet(sheet: ExcelJS.Worksheet, columns: readonly ColumnDef[]): void {
  sheet.columns = columns.map((c) => {
    return { key: c.key, width: c.width, style: styleFor(c) };
  });
  const header = sheet.addRow(columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.style = {
      font: { bold: true },
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } },
      alignment: { vertical: 'top', wrapText: true },
    };
  });
  header.commit();
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: readonly ColumnDef[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  setUpSheet(sheet, columns);
  return sheet;
}

// One style object per column type, shared by every cell: ExcelJS caches style
// ids by object identity, so a shared object is looked up once, not per cell.
const cellStyles = new Map<string, Partial<ExcelJS.Style>>();
const styleFor = (c: ColumnDef): Partial<ExcelJS.Style> => {
  let style = cellStyles.get(c.type);
  if (!style) {
    const numFmt = XLSX_NUM_FMT[c.type];
    style = numFmt ? { numFmt } : {};
    cellStyles.set(c.type, style);
  }
  return style;
};

function writeSheetRows(sheet: ExcelJS.Worksheet, rows: readonly ExportRow[], columns: readonly ColumnDef[], timeZone: string): void {
  const values = new Array<unknown>(columns.length);
  const styles = columns.map(styleFor);
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) values[i] = toXlsxCell(row[columns[i]!.key], columns[i]!, timeZone);
    const added = sheet.addRow(values);
    for (let i = 0; i < columns.length; i++) added.getCell(i + 1).style = styles[i]!;
    added.commit();
  }
}

function finishSheet(sheet: ExcelJS.Worksheet, columns: readonly ColumnDef[], rowCount: number): void {
  // The filter covers header and data, as Excel's own "Filter" button sets it.
  sheet.autoFilter = `A1:${columnLetter(columns.length)}${rowCount + 1}`;
  sheet.commit();
}

class XlsxWriter implements FormatWriter {
  private workLogSheet: ExcelJS.Worksheet | null = null;
  private incidentsDone = false;
  private rowCount = 0;
  private workLogCount = 0;

  constructor(
    private readonly cfg: ResolvedExport,
    private readonly file: WriteStream,
    private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter,
    private readonly incidents: ExcelJS.Worksheet,
    readonly files: ReadonlyArray<{ temp: string; final: string }>,
    private readonly zipFailure: () => Error | null,
  ) {}

  private check(): void {
    const failure = this.zipFailure();
    if (failure) throw failure;
    assertWritable(this.file);
  }

  async writeRows(rows: readonly ExportRow[], signal: AbortSignal): Promise<void> {
    this.check();
    writeSheetRows(this.incidents, rows, this.cfg.columns, this.cfg.timeZone);
    this.rowCount += rows.length;
    await relieve(this.incidents, this.file, signal);
  }

  private endIncidents(): void {
    if (this.incidentsDone) return;
    finishSheet(this.incidents, this.cfg.columns, this.rowCount);
    this.incidentsDone = true;
  }

  async writeWorkLogRows(rows: readonly ExportRow[], signal: AbortSignal): Promise<void> {
    this.check();
    const columns = this.cfg.workLogColumns;
    if (!columns) throw new Error('No work-log sheet was requested');
    if (!this.workLogSheet) {
      this.endIncidents();
      this.workLogSheet = addSheet(this.workbook, WORK_LOG_SHEET, columns);
    }
    writeSheetRows(this.workLogSheet, rows, columns, this.cfg.timeZone);
    this.workLogCount += rows.length;
    await relieve(this.workLogSheet, this.file, signal);
  }

  async finish(counts: { rows: number; workLogRows: number | null }): Promise<void> {
    this.check();
    this.endIncidents();
    if (this.cfg.workLogColumns) {
      // Requested but no entries sent: still write the sheet, with its header, so its absence is not mistaken for a failure.
      this.workLogSheet ??= addSheet(this.workbook, WORK_LOG_SHEET, this.cfg.workLogColumns);
      finishSheet(this.workLogSheet, this.cfg.workLogColumns, this.workLogCount);
    }
    this.writeAbout(counts);
    await this.workbook.commit(); // resolves when the file stream has finished
    const failure = this.zipFailure() ?? this.file.errored;
    if (failure) throw failure;
    await new Promise<void>((resolve) => (this.file.closed ? resolve() : this.file.once('close', () => resolve())));
  }

  private writeAbout(counts: { rows: number; workLogRows: number | null }): void {
    const about = this.workbook.addWorksheet(ABOUT_SHEET);
    about.columns = [
      { key: 'label', width: 34 },
      { key: 'value', width: 90 },
    ];
    const title = about.addRow(['FieldDesk incident log export']);
    title.font = { bold: true, size: 14 };
    title.commit();
    const lines = aboutLines(this.cfg.meta, {
      exportedAt: this.cfg.exportedAt,
      timeZone: this.cfg.timeZone,
      columns: this.cfg.columns,
      counts,
      workLogSheet: this.cfg.workLogColumns ? WORK_LOG_SHEET : null,
    });
    for (const [label, value] of lines) {
      const cellValue = value instanceof Date ? toXlsxCell(value, { key: 'v', header: '', type: 'datetime', width: 0 }, this.cfg.timeZone) : value;
      const row = about.addRow([label, cellValue]);
      row.getCell(1).font = { bold: true };
      if (value instanceof Date) row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
      row.getCell(2).alignment = { horizontal: 'left', wrapText: true };
      row.commit();
    }
    about.commit();
  }

  destroy(): void {
    // archiver's abort stops the zip; destroying the file stream releases the handle so the file can be deleted (Windows).
    try {
      (this.workbook as unknown as { zip?: { abort?: () => void } }).zip?.abort?.();
    } catch {
      // already finished or failed
    }
    this.file.destroy();
  }
}

export async function openXlsxWriter(cfg: ResolvedExport): Promise<Result<FormatWriter>> {
  const temp = tempPathFor(cfg.path);
  let file: WriteStream | null = null;
  try {
    file = await openOutput(temp);
    file.on('error', () => undefined); // surfaced through check() and commit()
    let failure: Error | null = null;
    // Fast deflate: level 1 is several times quicker than the default for a few percent more bytes.
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: file, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]);
    const zip = (workbook as unknown as { zip?: NodeJS.EventEmitter }).zip;
    zip?.on('error', (e: Error) => (failure ??= e));
    workbook.creator = cfg.meta.exportedBy;
    workbook.lastModifiedBy = cfg.meta.exportedBy;
    workbook.created = cfg.exportedAt;
    workbook.modified = cfg.exportedAt;
    const incidents = addSheet(workbook, INCIDENTS_SHEET, cfg.columns);
    return ok(new XlsxWriter(cfg, file, workbook, incidents, [{ temp, final: cfg.path }], () => failure));
  } catch (e) {
    file?.destroy();
    await discardFile(temp);
    return err('internal', describeFileError(e, cfg.path));
  }
}
