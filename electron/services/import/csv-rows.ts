import { createReadStream } from 'node:fs';
import { CsvParser, CsvSyntaxError, sniffDelimiter } from '../../../shared/import/csv-parser';
import { AbortedError } from '../export/backpressure';
import { formatBytes, ImportFileError } from './import-errors';

export interface SourceRow {
  /** Row number as a spreadsheet program shows it (header = 1). */
  row: number;
  cells: unknown[];
}

export interface CsvReadOptions {
  maxBytes: number;
  delimiter?: ',' | ';' | '\t';
  signal?: AbortSignal;
  onBytes?: (bytesRead: number) => void;
}

/**
 * Records of a CSV file, read in 64 KiB chunks: decoded as strict UTF-8 (a
 * file saved in a legacy code page fails with a clear message instead of
 * importing mangled names) and checked for NUL bytes, which text never has.
 */
export async function* readCsvRows(path: string, options: CsvReadOptions): AsyncGenerator<SourceRow> {
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let parser: CsvParser | null = null;
  let bytes = 0;
  let line = 1;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (options.signal?.aborted) throw new AbortedError();
      const nul = chunk.indexOf(0);
      if (nul !== -1) {
        throw new ImportFileError('invalid_request', `The file contains binary data (a NUL byte at byte ${bytes + nul}); it is not a CSV text file.`);
      }
      bytes += chunk.length;
      if (bytes > options.maxBytes) throw new ImportFileError('too_large', `The file is larger than ${formatBytes(options.maxBytes)}.`);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new ImportFileError(
          'invalid_request',
          `Wrong encoding: the file is not UTF-8 text (an invalid byte sequence after line ${line}). In Excel use "Save As" → "CSV UTF-8 (Comma delimited)".`,
        );
      }
      parser ??= new CsvParser({ delimiter: options.delimiter ?? sniffDelimiter(text.replace(/^\uFEFF/, '')) });
      for (const rec of parser.push(text)) {
        line = rec.line;
        yield { row: rec.row, cells: rec.fields };
      }
      options.onBytes?.(bytes);
    }
    try {
      decoder.decode();
    } catch {
      throw new ImportFileError('invalid_request', 'Wrong encoding: the file ends in the middle of a UTF-8 character; it is not UTF-8 text.');
    }
    for (const rec of parser?.end() ?? []) yield { row: rec.row, cells: rec.fields };
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new ImportFileError('invalid_request', `The CSV file is malformed: ${e.message}.`);
    throw e;
  } finally {
    stream.destroy();
  }
}
