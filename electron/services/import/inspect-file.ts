import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { DEFAULT_MAX_IMPORT_BYTES, formatBytes, ImportFileError } from './import-errors';

export type ImportFormat = 'csv' | 'xlsx';

export interface InspectedFile {
  format: ImportFormat;
  size: number;
}

const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);

/**
 * Decide what a file is from its first bytes and its size alone, before
 * reading it: a 1 GB file or a PDF renamed to .csv is refused at once.
 */
export async function inspectImportFile(path: string, maxBytes = DEFAULT_MAX_IMPORT_BYTES): Promise<InspectedFile> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new ImportFileError('not_found', code === 'ENOENT' ? 'The file no longer exists.' : `The file cannot be read (${code ?? 'error'}).`);
  }
  if (!info.isFile()) throw new ImportFileError('invalid_request', 'That is a folder, not a file.');
  if (info.size === 0) throw new ImportFileError('invalid_request', 'The file is empty.');
  if (info.size > maxBytes) {
    throw new ImportFileError('too_large', `The file is ${formatBytes(info.size)}; FieldDesk imports files up to ${formatBytes(maxBytes)}. Split it into smaller files.`);
  }
  const head = Buffer.alloc(8);
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, 8, 0);
  } finally {
    await handle.close();
  }
  const ext = extname(path).toLowerCase();
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { format: 'xlsx', size: info.size };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new ImportFileError('invalid_request', 'This is an old-style Excel file (.xls). Open it in Excel and save it as .xlsx or as CSV UTF-8.');
  }
  if (startsWith(head, [0x1f, 0x8b])) throw new ImportFileError('invalid_request', 'This is a compressed file (perhaps a FieldDesk backup: use Restore), not a spreadsheet.');
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) throw new ImportFileError('invalid_request', 'This is a PDF, not a spreadsheet.');
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    throw new ImportFileError('invalid_request', 'The file is UTF-16 text ("Unicode Text"). Save it as "CSV UTF-8" and import that.');
  }
  if (ext === '.xlsx' || ext === '.xlsm') throw new ImportFileError('invalid_request', 'The file is named .xlsx but is not an Excel workbook; it may be damaged.');
  return { format: 'csv', size: info.size };
}
