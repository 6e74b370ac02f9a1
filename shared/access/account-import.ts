import { CsvParser, sniffDelimiter } from '../import/csv-parser';
import { displayHeaders, suggestMapping, type ColumnMapping, type ImportField } from '../import/mapping';
import { err, ok, type Result } from '../result';
import type { AccountRow } from './rules';

/**
 * A system's own user export (CSV, or an XLSX workbook read by main), read for reconciliation: the header row,
 * the data rows, and a first guess at which column holds what (the import's
 * mapping rules), which the person confirms.
 */
export const ACCOUNT_FIELDS: readonly ImportField[] = [
  { key: 'account', header: 'Account', type: 'text', width: 20, aliases: ['Login', 'Username', 'User name', 'User ID', 'Logon name', 'sAMAccountName'] },
  { key: 'email', header: 'E-mail', type: 'text', width: 30, aliases: ['Email', 'Mail', 'Email address', 'UPN', 'User principal name'] },
  { key: 'name', header: 'Name', type: 'text', width: 25, aliases: ['Full name', 'Display name', 'User'] },
  { key: 'role', header: 'Role', type: 'text', width: 20, aliases: ['Entitlement', 'Group', 'Profile', 'Security role', 'Permission'] },
  { key: 'lastUsed', header: 'Last used', type: 'text', width: 20, aliases: ['Last login', 'Last logon', 'Last sign-in', 'Last access'] },
];

export const MAX_ACCOUNT_ROWS = 50_000;

export interface AccountFile {
  headers: string[];
  rows: string[][];
  mapping: ColumnMapping;
}

export function readAccountCsv(text: string): Result<AccountFile> {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.trim()) return err('invalid_request', 'The file is empty.');
  let records;
  try {
    const parser = new CsvParser({ delimiter: sniffDelimiter(firstLine) });
    records = [...parser.push(clean), ...parser.end()];
  } catch (e) {
    return err('invalid_request', `This is not a readable CSV file: ${e instanceof Error ? e.message : String(e)}`);
  }
  return accountFileFromRows(records.map((r) => r.fields));
}

/** A header row and data rows (from a CSV or a workbook's first sheet) as an account file; blank rows are left out. */
export function accountFileFromRows(records: readonly string[][]): Result<AccountFile> {
  const rows = records.filter((r) => r.some((c) => c.trim() !== ''));
  if (rows.length === 0) return err('invalid_request', 'The file is empty.');
  if (rows.length < 2) return err('invalid_request', 'The file has a header row but no accounts.');
  if (rows.length - 1 > MAX_ACCOUNT_ROWS) return err('too_large', `The file has ${rows.length - 1} accounts; at most ${MAX_ACCOUNT_ROWS} are reconciled at once.`);
  const headers = displayHeaders(rows[0]!);
  return ok({ headers, rows: rows.slice(1).map((r) => [...r]), mapping: suggestMapping(headers, ACCOUNT_FIELDS) });
}

/** The rows as accounts, by the confirmed mapping. At least one of account, e-mail or name must be mapped. */
export function accountRows(file: Pick<AccountFile, 'rows'>, mapping: ColumnMapping): Result<AccountRow[]> {
  if (mapping.account === undefined && mapping.email === undefined && mapping.name === undefined) return err('invalid_request', 'Choose the column with the login name, the e-mail or the full name.');
  const cell = (r: string[], k: string) => (mapping[k] === undefined ? '' : (r[mapping[k]!] ?? '').trim());
  return ok(file.rows.map((r) => ({ account: cell(r, 'account'), email: cell(r, 'email'), name: cell(r, 'name'), role: cell(r, 'role'), lastUsed: cell(r, 'lastUsed') })));
}
