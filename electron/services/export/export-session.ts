import { stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import { checkColumns, withTimeZoneHeaders, type ColumnDef } from '../../../shared/export/columns';
import { ExportMetaSchema } from '../../../shared/export/export-meta';
import { isValidTimeZone, localTimeZone } from '../../../shared/export/zoned-time';
import { err, ok, type Result } from '../../../shared/result';
import { parseWith } from '../../../shared/validation';
import { commitTempFile, describeFileError, discardFile } from '../files/atomic-file';
import { AbortedError } from './backpressure';
import { openCsvWriter } from './csv-writer';
import type { ExportOptions, ExportProgress, ExportRow, ExportSummary, FormatWriter } from './export-types';
import { openXlsxWriter } from './xlsx-writer';

export interface ExportSession {
  /** Append incident rows. Await each call before the next: the promise resolves when the writer can take more (backpressure). */
  writeRows(rows: readonly ExportRow[]): Promise<Result<ExportProgress>>;
  /** Append work-log rows, after all incident rows. Only when `workLog` was requested. */
  writeWorkLogRows(rows: readonly ExportRow[]): Promise<Result<ExportProgress>>;
  /** Complete the file(s) and move them into place. */
  finish(): Promise<Result<ExportSummary>>;
  /** Cancel: stop writing and delete the temporary file(s). Safe to call at any time, more than once. */
  abort(): Promise<void>;
}

/** Settings the writers need, checked once. */
export interface ResolvedExport {
  path: string;
  workLogPath: string | null;
  columns: readonly ColumnDef[];
  workLogColumns: readonly ColumnDef[] | null;
  meta: ReturnType<typeof ExportMetaSchema.parse>;
  timeZone: string;
  exportedAt: Date;
}

type State = 'rows' | 'workLog' | 'committing' | 'done' | 'aborted' | 'failed';

/** "Incidents.csv" → "Incidents - work log.csv". */
export function defaultWorkLogPath(path: string): string {
  const ext = extname(path) || '.csv';
  return join(dirname(path), `${basename(path, extname(path))} - work log${ext}`);
}

function resolveOptions(options: ExportOptions): Result<ResolvedExport> {
  if (options.format !== 'xlsx' && options.format !== 'csv') return err('invalid_request', `Unknown export format "${String(options.format)}"`);
  if (typeof options.path !== 'string' || !isAbsolute(options.path)) return err('invalid_request', 'The export needs an absolute file path');
  const columnProblems = checkColumns(options.columns ?? []);
  if (columnProblems.length) return err('invalid_request', `Columns: ${columnProblems.join('; ')}`);
  if (options.workLog) {
    const wl = checkColumns(options.workLog.columns ?? []);
    if (wl.length) return err('invalid_request', `Work-log columns: ${wl.join('; ')}`);
  }
  const meta = parseWith(ExportMetaSchema, options.meta, 'export details');
  if (!meta.ok) return meta;
  const timeZone = meta.value.timeZone ?? localTimeZone();
  if (!isValidTimeZone(timeZone)) return err('invalid_request', `Unknown time zone "${timeZone}"`);
  const exportedAt = meta.value.exportedAt ? new Date(meta.value.exportedAt) : new Date();
  if (Number.isNaN(exportedAt.getTime())) return err('invalid_request', 'exportedAt is not a date');
  let workLogPath: string | null = null;
  if (options.workLog && options.format === 'csv') {
    workLogPath = options.workLog.path ?? defaultWorkLogPath(options.path);
    if (!isAbsolute(workLogPath) || workLogPath === options.path) return err('invalid_request', 'The work-log file needs its own absolute path');
  }
  return ok({
    path: options.path,
    workLogPath,
    // Each date-and-time column says the zone its times are in, in its header.
    columns: withTimeZoneHeaders(options.columns, timeZone),
    workLogColumns: options.workLog ? withTimeZoneHeaders(options.workLog.columns, timeZone) : null,
    meta: meta.value,
    timeZone,
    exportedAt,
  });
}

class Session implements ExportSession {
  private state: State = 'rows';
  private failure: Result<never> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly controller = new AbortController();
  private rows = 0;
  private workLogRows = 0;

  constructor(
    private readonly writer: FormatWriter,
    private readonly resolved: ResolvedExport,
    private readonly options: ExportOptions,
  ) {
    options.signal?.addEventListener('abort', () => void this.abort(), { once: true });
  }

  private progress(phase: ExportProgress['phase']): ExportProgress {
    return { phase, rowsWritten: this.rows, workLogRowsWritten: this.workLogRows, expectedRows: this.options.expectedRows ?? null };
  }

  private report(p: ExportProgress): void {
    try {
      this.options.onProgress?.(p);
    } catch {
      // a broken progress listener must not break the export
    }
  }

  /** One operation at a time, in call order, even if the caller does not await. */
  private run<T>(op: () => Promise<Result<T>>): Promise<Result<T>> {
    const next = this.chain.then(async (): Promise<Result<T>> => {
      if (this.state === 'aborted') return err('cancelled', 'The export was cancelled');
      if (this.failure) return this.failure;
      try {
        return await op();
      } catch (e) {
        if (e instanceof AbortedError || this.controller.signal.aborted) return err('cancelled', 'The export was cancelled');
        return this.fail(e);
      }
    });
    this.chain = next;
    return next;
  }

  private async fail(e: unknown): Promise<Result<never>> {
    this.state = 'failed';
    this.failure = err('internal', describeFileError(e, this.resolved.path));
    this.controller.abort();
    this.writer.destroy();
    await this.discardTemps();
    return this.failure;
  }

  private async discardTemps(): Promise<void> {
    await Promise.all(this.writer.files.map((f) => discardFile(f.temp)));
  }

  private checkRows(rows: readonly ExportRow[]): Result<void> {
    if (!Array.isArray(rows)) return err('invalid_request', 'Rows must be an array');
    for (const row of rows) {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) return err('invalid_request', 'Each row must be an object keyed by column');
    }
    return ok(undefined);
  }

  writeRows(rows: readonly ExportRow[]): Promise<Result<ExportProgress>> {
    return this.run(async () => {
      if (this.state !== 'rows') return err('invalid_request', 'Incident rows must all be written before work-log rows and before finish');
      const checked = this.checkRows(rows);
      if (!checked.ok) return checked;
      await this.writer.writeRows(rows, this.controller.signal);
      this.rows += rows.length;
      const p = this.progress('rows');
      this.report(p);
      return ok(p);
    });
  }

  writeWorkLogRows(rows: readonly ExportRow[]): Promise<Result<ExportProgress>> {
    return this.run(async () => {
      if (!this.resolved.workLogColumns) return err('invalid_request', 'This export was started without work-log entries');
      if (this.state !== 'rows' && this.state !== 'workLog') return err('invalid_request', 'The export is already finishing');
      const checked = this.checkRows(rows);
      if (!checked.ok) return checked;
      this.state = 'workLog';
      await this.writer.writeWorkLogRows(rows, this.controller.signal);
      this.workLogRows += rows.length;
      const p = this.progress('workLog');
      this.report(p);
      return ok(p);
    });
  }

  finish(): Promise<Result<ExportSummary>> {
    return this.run(async () => {
      if (this.state !== 'rows' && this.state !== 'workLog') return err('invalid_request', 'The export has already finished');
      this.report(this.progress('finishing'));
      const workLogRows = this.resolved.workLogColumns ? this.workLogRows : null;
      await this.writer.finish({ rows: this.rows, workLogRows }, this.controller.signal);
      if (this.controller.signal.aborted) throw new AbortedError();
      // From here the files are complete: a late cancel no longer deletes them.
      this.state = 'committing';
      const renamed: string[] = [];
      try {
        for (const f of this.writer.files) {
          await commitTempFile(f.temp, f.final);
          renamed.push(f.final);
        }
      } catch (e) {
        // Leave none of a pair in place: a work-log file without its incidents file would mislead.
        await Promise.all(renamed.map((p) => discardFile(p)));
        throw e;
      }
      const bytes = (await stat(this.resolved.path)).size;
      this.state = 'done';
      this.report(this.progress('done'));
      return ok({ path: this.resolved.path, workLogPath: this.resolved.workLogPath, rows: this.rows, workLogRows, bytes });
    });
  }

  async abort(): Promise<void> {
    if (this.state === 'done' || this.state === 'aborted' || this.state === 'failed') return;
    if (this.state === 'committing') {
      await this.chain;
      return;
    }
    this.state = 'aborted';
    this.controller.abort();
    this.writer.destroy();
    await this.chain.catch(() => undefined);
    await this.discardTemps();
  }
}

/**
 * Start an export into a temporary file next to `options.path`. The main
 * process keeps the session while the renderer sends rows chunk by chunk.
 */
export async function createExportSession(options: ExportOptions): Promise<Result<ExportSession>> {
  const resolved = resolveOptions(options);
  if (!resolved.ok) return resolved;
  if (options.signal?.aborted) return err('cancelled', 'The export was cancelled');
  const opened = options.format === 'xlsx' ? await openXlsxWriter(resolved.value) : await openCsvWriter(resolved.value);
  if (!opened.ok) return opened;
  return ok(new Session(opened.value, resolved.value, options));
}

/** Chunks from any (async) iterable, through a session: for callers that hold all rows in the main process (tests, benchmark). */
export async function runExport(
  options: ExportOptions,
  rows: AsyncIterable<readonly ExportRow[]> | Iterable<readonly ExportRow[]>,
  workLogRows?: AsyncIterable<readonly ExportRow[]> | Iterable<readonly ExportRow[]>,
): Promise<Result<ExportSummary>> {
  const opened = await createExportSession(options);
  if (!opened.ok) return opened;
  const session = opened.value;
  try {
    for await (const chunk of rows) {
      const r = await session.writeRows(chunk);
      if (!r.ok) return r;
    }
    if (workLogRows) {
      for await (const chunk of workLogRows) {
        const r = await session.writeWorkLogRows(chunk);
        if (!r.ok) return r;
      }
    }
    const done = await session.finish();
    return done;
  } catch (e) {
    return err('internal', `Reading the rows to export failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    // No-op after a successful finish; otherwise it removes the temporary files.
    await session.abort();
  }
}
