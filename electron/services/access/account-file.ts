import { readFile } from 'node:fs/promises';
import { accountFileFromRows, MAX_ACCOUNT_ROWS, readAccountCsv, type AccountFile } from '../../../shared/access/account-import';
import type { RawCell } from '../../../shared/import/cell-parse';
import { err, ok, type Result } from '../../../shared/result';
import { ImportFileError } from '../import/import-errors';
import { inspectImportFile, type ImportFormat } from '../import/inspect-file';
import { readXlsxRows } from '../import/xlsx-rows';

/** A cell as the text a person sees: dates as YYYY-MM-DD, a cell Excel shows as an error as empty. */
const cellText = (c: RawCell): string => {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
  if (typeof c === 'object') return '';
  return String(c);
};

/**
 * A system's user export for reconciliation, CSV or XLSX (first visible sheet,
 * read by the import's streaming reader with exceljs), checked by its first
 * bytes and size like any import, as a header row, rows and a suggested mapping.
 */
export async function readAccountFile(path: string): Promise<Result<AccountFile & { format: ImportFormat }>> {
  try {
    const { format } = await inspectImportFile(path);
    if (format === 'csv') {
      const read = readAccountCsv(await readFile(path, 'utf8'));
      return read.ok ? ok({ ...read.value, format }) : read;
    }
    const rows: string[][] = [];
    for await (const row of readXlsxRows(path)) {
      rows.push(row.cells.map((c) => cellText(c as RawCell)));
      if (rows.length > MAX_ACCOUNT_ROWS + 1) return err('too_large', `The workbook has more than ${MAX_ACCOUNT_ROWS} accounts; at most ${MAX_ACCOUNT_ROWS} are reconciled at once.`);
    }
    const width = Math.max(0, ...rows.map((r) => r.length));
    const read = accountFileFromRows(rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]));
    return read.ok ? ok({ ...read.value, format }) : read;
  } catch (e) {
    if (e instanceof ImportFileError) return err(e.code, e.message);
    return err('invalid_request', `The file cannot be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}
