import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { RawCell } from '../../../shared/import/cell-parse';
import { AbortedError } from '../export/backpressure';
import type { SourceRow } from './csv-rows';
import { ImportFileError } from './import-errors';

export interface XlsxReadOptions {
  /** Sheet to read; default the first visible one. */
  sheet?: string;
  signal?: AbortSignal;
  onSheet?: (name: string) => void;
}

/**
 * Formula cells: FieldDesk imports the result Excel saved with the file (what
 * the person sees in the cell) and never evaluates formulas. A formula with no
 * saved result, as some generators write them, is an error for that cell,
 * since importing an empty value would lose data silently.
 */
export function cellToRaw(value: unknown): RawCell {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value !== 'object') return String(value);
  const v = value as Record<string, unknown>;
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v.result;
    if (result === undefined || result === null) {
      return { problem: `The cell holds a formula (=${String(v.formula ?? v.sharedFormula)}) without a saved value. Open the file in Excel, save it, and import again.` };
    }
    if (typeof result === 'number' && Number.isNaN(result)) return { problem: 'The formula in this cell results in an error' };
    if (typeof result === 'object' && result !== null && 'error' in result) return { problem: `The formula in this cell results in ${String((result as { error: unknown }).error)}` };
    return cellToRaw(result);
  }
  if ('error' in v) return { problem: `The cell shows the error ${String(v.error)}` };
  if (Array.isArray(v.richText)) return (v.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
  if ('text' in v) return cellToRaw(v.text);
  return { problem: 'The cell holds a value FieldDesk cannot read' };
}

export async function* readXlsxRows(path: string, options: XlsxReadOptions = {}): AsyncGenerator<SourceRow> {
  const input = createReadStream(path);
  input.on('error', () => undefined); // reported through the reader's iteration
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell date cells from numbers
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const seen: string[] = [];
  let found = false;
  try {
    for await (const sheet of reader) {
      const meta = sheet as unknown as { name?: string; state?: string };
      const name = meta.name ?? `Sheet${seen.length + 1}`;
      seen.push(name);
      const wanted = options.sheet ? name === options.sheet : meta.state !== 'hidden' && meta.state !== 'veryHidden';
      if (!wanted || found) {
        // Read a skipped sheet to its end. ExcelJS keeps each sheet in a temporary file and deletes it as
        // soon as the next sheet is asked for; a file deleted before its read stream has opened throws an
        // uncaught ENOENT (seen under load in CI).
        for await (const _row of sheet) if (options.signal?.aborted) throw new AbortedError();
        continue;
      }
      found = true;
      options.onSheet?.(name);
      for await (const row of sheet) {
        if (options.signal?.aborted) throw new AbortedError();
        const values = row.values as unknown[];
        // row.values is 1-based (index 0 unused) and sparse.
        const cells: RawCell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellToRaw(values[i]));
        yield { row: row.number, cells };
      }
    }
  } catch (e) {
    if (e instanceof ImportFileError || e instanceof AbortedError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new ImportFileError('invalid_request', `The Excel file cannot be read; it may be damaged or not really an .xlsx file (${msg}).`);
  } finally {
    input.destroy();
  }
  if (!found) {
    throw new ImportFileError(
      'invalid_request',
      options.sheet ? `The workbook has no sheet named "${options.sheet}" (it has: ${seen.join(', ') || 'none'}).` : 'The workbook has no visible sheet.',
    );
  }
}
