import type { WriteStream } from 'node:fs';
import type { ColumnDef } from '../../../shared/export/columns';
import { toCsvText } from '../../../shared/export/cell-values';
import { csvRecord, UTF8_BOM } from '../../../shared/export/csv-escape';
import { err, ok, type Result } from '../../../shared/result';
import { describeFileError, discardFile, tempPathFor } from '../files/atomic-file';
import { waitForDrain } from './backpressure';
import type { ResolvedExport } from './export-session';
import type { ExportRow, FormatWriter } from './export-types';
import { assertWritable, endOutput, openOutput } from './open-output';

function headerRecord(columns: readonly ColumnDef[]): string {
  return csvRecord(columns.map((c) => c.header));
}

function rowsText(rows: readonly ExportRow[], columns: readonly ColumnDef[], timeZone: string): string {
  // One string per chunk: one write call per chunk instead of one per row.
  let text = '';
  const fields: string[] = new Array<string>(columns.length);
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) fields[i] = toCsvText(row[columns[i]!.key], columns[i]!, timeZone);
    text += csvRecord(fields);
  }
  return text;
}

async function write(stream: WriteStream, text: string, signal: AbortSignal): Promise<void> {
  assertWritable(stream);
  if (!stream.write(text)) await waitForDrain(stream, signal);
}

class CsvWriter implements FormatWriter {
  constructor(
    private readonly cfg: ResolvedExport,
    private readonly main: WriteStream,
    private readonly workLog: WriteStream | null,
    readonly files: ReadonlyArray<{ temp: string; final: string }>,
  ) {}

  async writeRows(rows: readonly ExportRow[], signal: AbortSignal): Promise<void> {
    await write(this.main, rowsText(rows, this.cfg.columns, this.cfg.timeZone), signal);
  }

  async writeWorkLogRows(rows: readonly ExportRow[], signal: AbortSignal): Promise<void> {
    if (!this.workLog || !this.cfg.workLogColumns) throw new Error('No work-log file was opened');
    await write(this.workLog, rowsText(rows, this.cfg.workLogColumns, this.cfg.timeZone), signal);
  }

  async finish(): Promise<void> {
    await Promise.all([endOutput(this.main), this.workLog ? endOutput(this.workLog) : Promise.resolve()]);
  }

  destroy(): void {
    this.main.destroy();
    this.workLog?.destroy();
  }
}

export async function openCsvWriter(cfg: ResolvedExport): Promise<Result<FormatWriter>> {
  const files: Array<{ temp: string; final: string }> = [];
  const streams: WriteStream[] = [];
  try {
    let workLog: WriteStream | null = null;
    if (cfg.workLogPath && cfg.workLogColumns) {
      const temp = tempPathFor(cfg.workLogPath);
      files.push({ temp, final: cfg.workLogPath });
      workLog = await openOutput(temp);
      streams.push(workLog);
      workLog.write(UTF8_BOM + headerRecord(cfg.workLogColumns));
    }
    // The main file is renamed last, so it appears only when everything else is in place.
    const temp = tempPathFor(cfg.path);
    files.push({ temp, final: cfg.path });
    const main = await openOutput(temp);
    streams.push(main);
    main.write(UTF8_BOM + headerRecord(cfg.columns));
    return ok(new CsvWriter(cfg, main, workLog, files));
  } catch (e) {
    for (const s of streams) s.destroy();
    await Promise.all(files.map((f) => discardFile(f.temp)));
    return err('internal', describeFileError(e, cfg.path));
  }
}
