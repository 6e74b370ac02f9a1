import type { ColumnDef } from '../../../shared/export/columns';
import type { ExportMeta } from '../../../shared/export/export-meta';

export type ExportFormat = 'xlsx' | 'csv';

/** One row as the renderer sends it: values keyed by column key (see INCIDENT_LOG_COLUMNS for the value shapes). */
export type ExportRow = Readonly<Record<string, unknown>>;

export interface ExportOptions {
  format: ExportFormat;
  /** Absolute path from the save dialog. An existing file there is replaced only when the export completes. */
  path: string;
  columns: readonly ColumnDef[];
  meta: ExportMeta;
  /**
   * Include work-log entries: a second sheet in XLSX, a second file in CSV
   * (`path` defaults to "<name> - work log.csv" next to the main file).
   */
  workLog?: { columns: readonly ColumnDef[]; path?: string };
  /** Rows the caller expects to send, for a percentage; progress works without it. */
  expectedRows?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}

export interface ExportProgress {
  phase: 'rows' | 'workLog' | 'finishing' | 'done';
  rowsWritten: number;
  workLogRowsWritten: number;
  expectedRows: number | null;
}

export interface ExportSummary {
  path: string;
  workLogPath: string | null;
  rows: number;
  workLogRows: number | null;
  bytes: number;
}

/** What one file format does; the session around it handles ordering, cancelling and clean-up. */
export interface FormatWriter {
  writeRows(rows: readonly ExportRow[], signal: AbortSignal): Promise<void>;
  /** The first call ends the incidents part: XLSX sheets are written one after the other. */
  writeWorkLogRows(rows: readonly ExportRow[], signal: AbortSignal): Promise<void>;
  /** Completes the temporary files (not yet renamed). */
  finish(counts: { rows: number; workLogRows: number | null }, signal: AbortSignal): Promise<void>;
  /** Stops at once, mid-write; the session deletes the temporary files afterwards. */
  destroy(): void;
  /** Temporary file → final path, in the order to rename them (the main file last). */
  readonly files: ReadonlyArray<{ temp: string; final: string }>;
}
