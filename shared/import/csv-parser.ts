/**
 * A streaming RFC 4180 reader: text goes in chunk by chunk (chunks may split a
 * record, a quoted field or a CRLF anywhere), whole records come out. It is
 * lenient where spreadsheet programs are (LF or lone CR line ends, a quote in
 * the middle of an unquoted field is text) and strict where guessing would
 * corrupt data (a quoted field that never closes is an error).
 */

export interface CsvRecord {
  fields: string[];
  /** 1-based record number, counting blank lines, as a spreadsheet program numbers the rows when it opens the file. */
  row: number;
  /** 1-based physical line the record starts on (differs from `row` after fields with line breaks). */
  line: number;
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

export interface CsvParserOptions {
  delimiter?: string;
  /** A field this long is almost surely an unbalanced quote swallowing the rest of the file. */
  maxFieldChars?: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvParser {
  private readonly delim: number;
  private readonly maxField: number;
  private fields: string[] = [];
  private field = '';
  private fieldStarted = false; // the current field has content or was quoted (so an empty line is not a record)
  private inQuotes = false;
  private quotePending = false; // saw a quote inside a quoted field: either "" or the closing quote
  private crPending = false; // saw CR: swallow a following LF
  private first = true;
  private line = 1;
  private recordLine = 1;
  private row = 1;
  private quoteLine = 1;

  constructor(options: CsvParserOptions = {}) {
    const d = options.delimiter ?? ',';
    if (d.length !== 1 || d === '"' || d === '\n' || d === '\r') throw new Error(`Unusable CSV delimiter ${JSON.stringify(d)}`);
    this.delim = d.charCodeAt(0);
    this.maxField = options.maxFieldChars ?? 1_000_000;
  }

  private append(text: string): void {
    this.field += text;
    if (this.field.length > this.maxField) {
      const where = this.inQuotes ? `A quoted field starting on line ${this.quoteLine}` : `A field on line ${this.line}`;
      throw new CsvSyntaxError(`${where} is longer than ${this.maxField.toLocaleString('en-US')} characters; the file probably has an unbalanced quote`, this.quoteLine);
    }
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.fieldStarted = false;
  }

  private endRecord(out: CsvRecord[]): void {
    const blank = this.fields.length === 1 && this.fields[0] === '' && !this.wasQuoted;
    if (!blank) out.push({ fields: this.fields, row: this.row, line: this.recordLine });
    this.fields = [];
    this.wasQuoted = false;
    this.row++;
  }

  private wasQuoted = false;

  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const n = text.length;
    let i = 0;
    if (this.first && n > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    while (i < n) {
      if (this.crPending) {
        this.crPending = false;
        if (text.charCodeAt(i) === LF) {
          i++;
          continue;
        }
      }
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (text.charCodeAt(i) === QUOTE) {
            this.append('"');
            i++;
            continue;
          }
          this.inQuotes = false; // that was the closing quote; handle this character as unquoted
        } else {
          const q = text.indexOf('"', i);
          const end = q === -1 ? n : q;
          const chunk = text.slice(i, end);
          for (let k = chunk.indexOf('\n'); k !== -1; k = chunk.indexOf('\n', k + 1)) this.line++;
          this.append(chunk);
          if (q === -1) break;
          this.quotePending = true;
          i = q + 1;
          continue;
        }
      }
      const c = text.charCodeAt(i);
      if (c === this.delim) {
        this.endField();
        i++;
      } else if (c === LF || c === CR) {
        this.endField();
        this.endRecord(out);
        this.line++;
        this.recordLine = this.line;
        this.crPending = c === CR;
        i++;
      } else if (c === QUOTE && !this.fieldStarted) {
        this.inQuotes = true;
        this.fieldStarted = true;
        this.wasQuoted = true;
        this.quoteLine = this.line;
        i++;
      } else {
        // A run of plain text up to the next special character.
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === this.delim || d === LF || d === CR || d === QUOTE) break;
          j++;
        }
        // A quote inside an unquoted field (or after a closing quote) is kept as text, as Excel does.
        this.append(text.slice(i, j));
        this.fieldStarted = true;
        i = j;
      }
    }
    return out;
  }

  /** Call once the input is exhausted: returns the last record if the file does not end with a line break. */
  end(): CsvRecord[] {
    if (this.inQuotes && !this.quotePending) {
      throw new CsvSyntaxError(`A quoted field that starts on line ${this.quoteLine} is never closed (a missing " character)`, this.quoteLine);
    }
    this.inQuotes = false;
    this.quotePending = false;
    const out: CsvRecord[] = [];
    if (this.fields.length > 0 || this.fieldStarted) {
      this.endField();
      this.endRecord(out);
    }
    return out;
  }
}

/**
 * Spreadsheet programs in many European locales write `;`-separated "CSV";
 * the header line tells which separator a file uses.
 */
export function sniffDelimiter(firstLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const ch of firstLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}
