import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecord } from '../../../../shared/export/csv-escape';
import { CsvParser, CsvSyntaxError, sniffDelimiter, type CsvRecord } from '../../../../shared/import/csv-parser';

function parse(text: string, chunkSize = text.length || 1, delimiter?: string): CsvRecord[] {
  const p = new CsvParser(delimiter ? { delimiter } : {});
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunkSize) out.push(...p.push(text.slice(i, i + chunkSize)));
  out.push(...p.end());
  return out;
}
const fields = (text: string, chunk?: number) => parse(text, chunk).map((r) => r.fields);

describe('CsvParser', () => {
  it('reads quoted fields with embedded commas, quotes and line breaks', () => {
    expect(fields('a,"b,c","say ""hi""","two\r\nlines"\r\n')).toEqual([['a', 'b,c', 'say "hi"', 'two\r\nlines']]);
  });

  it('accepts CRLF, LF and lone CR line ends, and a missing final line end', () => {
    expect(fields('a,b\r\nc,d\ne,f\rg,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('drops a byte-order mark at the start', () => {
    expect(fields('\uFEFFname,email\r\n')).toEqual([['name', 'email']]);
  });

  it('skips blank lines but counts them in row numbers, as a spreadsheet does', () => {
    const recs = parse('h1,h2\r\n\r\na,b\r\n"x\ny",z\r\nc,d\r\n');
    expect(recs.map((r) => [r.row, r.line, r.fields[0]])).toEqual([
      [1, 1, 'h1'],
      [3, 3, 'a'],
      [4, 4, 'x\ny'],
      [5, 6, 'c'],
    ]);
  });

  it('keeps an empty quoted field as a record', () => {
    expect(fields('""\r\n')).toEqual([['']]);
  });

  it('treats a quote inside an unquoted field as text, as Excel does', () => {
    expect(fields('5" floppy,x\r\n')).toEqual([['5" floppy', 'x']]);
  });

  it('gives the same records however the text is split into chunks', () => {
    const text = 'id,note\r\n1,"multi\r\nline ""quoted"""\r\n2,plain\r\n3,"a,b"\r\n';
    const whole = fields(text);
    for (let size = 1; size <= 7; size++) expect(fields(text, size)).toEqual(whole);
  });

  it('round-trips any table through csvRecord in random chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.string()), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 13 }),
        (rows, chunk) => {
          const text = rows.map((r) => csvRecord(r)).join('');
          expect(fields(text, chunk)).toEqual(rows);
        },
      ),
    );
  });

  it('reports a quoted field that is never closed, with its line', () => {
    expect(() => parse('a,b\r\n1,"never closed\r\n2,3\r\n')).toThrowError(CsvSyntaxError);
    expect(() => parse('a,b\r\n1,"never closed\r\n2,3\r\n')).toThrowError(/starts on line 2 is never closed/);
  });

  it('stops on an absurdly long field instead of swallowing the file', () => {
    const p = new CsvParser({ maxFieldChars: 100 });
    expect(() => p.push(`"${'x'.repeat(200)}`)).toThrowError(/longer than 100 characters/);
  });

  it('uses another delimiter when told', () => {
    expect(parse('a;"b;c"\r\n', 100, ';').map((r) => r.fields)).toEqual([['a', 'b;c']]);
  });
});

describe('sniffDelimiter', () => {
  it('picks the separator the header line uses', () => {
    expect(sniffDelimiter('Name;Email;"Agency, Court"\r\nx')).toBe(';');
    expect(sniffDelimiter('Name,Email,Phone')).toBe(',');
    expect(sniffDelimiter('Name\tEmail\tPhone')).toBe('\t');
    expect(sniffDelimiter('Name')).toBe(',');
  });
});
