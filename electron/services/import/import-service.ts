import type { z } from 'zod';
import { localTimeZone, isValidTimeZone } from '../../../shared/export/zoned-time';
import { splitZoneHeader } from '../../../shared/export/columns';
import type { DateOrder, RawCell } from '../../../shared/import/cell-parse';
import { DuplicateTracker, type UniqueKeySpec } from '../../../shared/import/duplicates';
import { checkMapping, displayHeaders, suggestMapping, type ColumnMapping, type ImportField } from '../../../shared/import/mapping';
import { bindFields, validateRow, type RowError, type RowPlan } from '../../../shared/import/row-validation';
import { err, ok, type Result } from '../../../shared/result';
import { AbortedError } from '../export/backpressure';
import { readCsvRows, type SourceRow } from './csv-rows';
import { DEFAULT_MAX_IMPORT_BYTES, DEFAULT_MAX_IMPORT_ROWS, ImportFileError } from './import-errors';
import { inspectImportFile, type ImportFormat } from './inspect-file';
import { readXlsxRows } from './xlsx-rows';

export interface ImportFileOptions {
  /** Refuse larger files before reading them. Default 50 MB. */
  maxBytes?: number;
  /** Refuse files with more data rows. Default 250,000. */
  maxRows?: number;
  /** XLSX: sheet to read (default the first visible one). */
  sheet?: string;
  /** CSV: separator (default: guessed from the header line). */
  delimiter?: ',' | ';' | '\t';
  signal?: AbortSignal;
}

export interface ImportPreview {
  format: ImportFormat;
  /** XLSX sheet read, null for CSV. */
  sheet: string | null;
  headers: string[];
  /** The first rows as text, for the mapping screen. */
  sampleRows: string[][];
  suggestedMapping: ColumnMapping;
}

export interface DryRunOptions<S extends z.ZodType> extends ImportFileOptions {
  fields: readonly ImportField[];
  mapping: ColumnMapping;
  /** Validates (and may transform) each record; e.g. PersonInputSchema. */
  schema: S;
  /** Duplicate detection within the file and against `existingKeys`. */
  unique?: UniqueKeySpec;
  /** Keys of records already in the database (see DuplicateTracker for the shape). */
  existingKeys?: Iterable<string | readonly unknown[]>;
  /** Zone of wall-clock times in the file; default the machine's zone (what an export from this machine used). */
  timeZone?: string;
  dateOrder?: DateOrder;
  /** Stop listing bad rows after this many (the count stays exact). Default 10,000. */
  maxErrorRows?: number;
  /**
   * Receive valid records in chunks instead of collecting them in `records`,
   * to keep memory flat for large files. Called in file order.
   */
  onRecords?: (chunk: Array<{ row: number; record: z.output<S> }>) => void | Promise<void>;
  onProgress?: (progress: { rowsRead: number; bytesRead: number | null; totalBytes: number }) => void;
}

export interface DryRunResult<T> {
  format: ImportFormat;
  sheet: string | null;
  headers: string[];
  /** Data rows read (blank rows not counted). */
  totalRows: number;
  validRows: number;
  /** Rows with errors, in file order. Commit only when this is empty: the import is all-or-nothing. */
  errors: RowError[];
  errorRowCount: number;
  errorsTruncated: boolean;
  /** Valid records in file order (empty when `onRecords` is given). */
  records: T[];
}

const SAMPLE_ROWS = 5;
const RECORD_CHUNK = 1000;

function cellText(c: unknown): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString();
  if (typeof c === 'object') return (c as { problem?: string }).problem ? '#ERROR' : '';
  return String(c);
}

async function* sourceRows(path: string, format: ImportFormat, options: ImportFileOptions, sizeLimit: number, hooks: { onSheet?: (n: string) => void; onBytes?: (b: number) => void }) {
  if (format === 'csv') {
    yield* readCsvRows(path, {
      maxBytes: sizeLimit,
      ...(options.delimiter ? { delimiter: options.delimiter } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(hooks.onBytes ? { onBytes: hooks.onBytes } : {}),
    });
  } else {
    yield* readXlsxRows(path, {
      ...(options.sheet ? { sheet: options.sheet } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(hooks.onSheet ? { onSheet: hooks.onSheet } : {}),
    });
  }
}

function toResult(e: unknown): Result<never> {
  if (e instanceof ImportFileError) return err(e.code, e.message);
  if (e instanceof AbortedError) return err('cancelled', 'The import was cancelled');
  return err('internal', `The file could not be read: ${e instanceof Error ? e.message : String(e)}`);
}

/** Header and first rows, and a suggested mapping: the column-mapping step. Reads only the start of the file. */
export async function previewImport(path: string, fields: readonly ImportField[], options: ImportFileOptions = {}): Promise<Result<ImportPreview>> {
  try {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
    const { format } = await inspectImportFile(path, maxBytes);
    let sheet: string | null = null;
    let headers: string[] | null = null;
    const sampleRows: string[][] = [];
    for await (const r of sourceRows(path, format, options, maxBytes, { onSheet: (n) => (sheet = n) })) {
      if (!headers) headers = displayHeaders(r.cells);
      else if (sampleRows.length < SAMPLE_ROWS) sampleRows.push(r.cells.map(cellText));
      // A CSV can stop here. An XLSX cannot: ExcelJS's streaming reader parks
      // sheets in temp files when they come before the shared strings, and
      // abandoning it mid-file leaves that work to fail later, uncaught.
      else if (format === 'csv') break;
    }
    if (!headers) return err('invalid_request', 'The file has no header row.');
    return ok({ format, sheet, headers, sampleRows, suggestedMapping: suggestMapping(headers, fields) });
  } catch (e) {
    return toResult(e);
  }
}

/** The zone the mapped date-and-time columns' headers name ("Created (UTC)"), when they name one valid zone. */
function zoneOfHeaders(headers: readonly string[], mapping: Readonly<Record<string, number>>, fields: readonly { key: string; type: string }[]): string | null {
  const zones = new Set<string>();
  for (const f of fields) {
    const index = mapping[f.key];
    if (f.type !== 'datetime' || index === undefined) continue;
    const zone = splitZoneHeader(headers[index] ?? '').timeZone;
    if (zone) zones.add(zone);
  }
  const [only] = zones;
  return zones.size === 1 && only && isValidTimeZone(only) ? only : null;
}

/**
 * Read the whole file, convert and validate every row, and report every bad
 * row with its reasons. Nothing is written anywhere: the renderer commits the
 * records through its repositories, and only when `errors` is empty.
 */
export async function dryRunImport<S extends z.ZodType>(path: string, options: DryRunOptions<S>): Promise<Result<DryRunResult<z.output<S>>>> {
  const timeZone = options.timeZone ?? localTimeZone();
  if (!isValidTimeZone(timeZone)) return err('invalid_request', `Unknown time zone "${timeZone}"`);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  const maxRows = options.maxRows ?? DEFAULT_MAX_IMPORT_ROWS;
  const maxErrorRows = options.maxErrorRows ?? 10_000;
  try {
    const { format, size } = await inspectImportFile(path, maxBytes);
    let sheet: string | null = null;
    let headers: string[] | null = null;
    let plan: RowPlan<S> | null = null;
    let bound: ReturnType<typeof bindFields> = [];
    const duplicates = options.unique ? new DuplicateTracker(options.unique, options.existingKeys ?? []) : null;
    const errors: RowError[] = [];
    let errorRowCount = 0;
    const records: Array<z.output<S>> = [];
    let pending: Array<{ row: number; record: z.output<S> }> = [];
    let totalRows = 0;
    let validRows = 0;
    let bytesRead: number | null = null;

    const report = () => options.onProgress?.({ rowsRead: totalRows, bytesRead, totalBytes: size });
    const addError = (e: RowError) => {
      errorRowCount++;
      if (errors.length < maxErrorRows) errors.push(e);
    };

    const hooks = { onSheet: (n: string) => (sheet = n), onBytes: (b: number) => (bytesRead = b) };
    for await (const source of sourceRows(path, format, options, maxBytes, hooks) as AsyncGenerator<SourceRow>) {
      if (!headers) {
        headers = displayHeaders(source.cells);
        const problems = checkMapping(options.mapping, headers, options.fields);
        if (problems.length) return err('invalid_request', `Column mapping: ${problems.join('; ')}`);
        // A file that names the zone of its times in its headers (FieldDesk's own exports do) is read in that zone.
        const fileZone = zoneOfHeaders(headers, options.mapping, options.fields);
        plan = { fields: options.fields, mapping: options.mapping, headers, schema: options.schema, cell: { timeZone: fileZone ?? timeZone, source: format, ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}) } };
        bound = bindFields(plan);
        continue;
      }
      totalRows++;
      if (totalRows > maxRows) return err('too_large', `The file has more than ${maxRows.toLocaleString('en-US')} rows; split it into smaller files.`);
      if (format === 'csv' && source.cells.length !== headers.length) {
        addError({
          row: source.row,
          errors: [{ column: '', message: `This row has ${source.cells.length} values but the header has ${headers.length} columns (an unquoted comma, or a missing or extra separator)` }],
        });
        continue;
      }
      const outcome = validateRow(source.cells as RawCell[], plan!, bound);
      if (!outcome.ok) {
        addError({ row: source.row, errors: outcome.errors });
        continue;
      }
      const dup = duplicates?.check(outcome.record as Record<string, unknown>, source.row);
      if (dup) {
        const keyField = options.unique!.fields[0]!;
        const b = bound.find((x) => x.field.key === keyField);
        addError({ row: source.row, errors: [{ column: b?.column ?? keyField, field: keyField, message: dup }] });
        continue;
      }
      validRows++;
      if (options.onRecords) {
        pending.push({ row: source.row, record: outcome.record });
        if (pending.length >= RECORD_CHUNK) {
          await options.onRecords(pending);
          pending = [];
        }
      } else {
        records.push(outcome.record);
      }
      if (totalRows % RECORD_CHUNK === 0) report();
    }
    if (!headers) return err('invalid_request', 'The file has no header row.');
    if (pending.length && options.onRecords) await options.onRecords(pending);
    report();
    return ok({
      format,
      sheet,
      headers,
      totalRows,
      validRows,
      errors,
      errorRowCount,
      errorsTruncated: errorRowCount > errors.length,
      records,
    });
  } catch (e) {
    return toResult(e);
  }
}
