import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecord, escapeCsvField } from '../../../../shared/export/csv-escape';
import { guardFormula, unguardFormula } from '../../../../shared/export/formula-guard';
import { CsvParser } from '../../../../shared/import/csv-parser';

describe('CSV escaping (RFC 4180)', () => {
  it('quotes only fields with a comma, quote or line break, doubling quotes', () => {
    expect(escapeCsvField('plain')).toBe('plain');
    expect(escapeCsvField('a,b')).toBe('"a,b"');
    expect(escapeCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvField('two\nlines')).toBe('"two\nlines"');
    expect(escapeCsvField('cr\rhere')).toBe('"cr\rhere"');
    expect(escapeCsvField('')).toBe('');
  });

  it('ends every record with CRLF', () => {
    expect(csvRecord(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
  });

  it('parses back to the same fields, whatever the content', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 10 }), (table) => {
        const width = table[0]!.length;
        const rows = table.map((r) => [...r, ...Array<string>(width).fill('')].slice(0, width));
        const text = rows.map(csvRecord).join('');
        const p = new CsvParser();
        const out = [...p.push(text), ...p.end()].map((r) => r.fields);
        expect(out).toEqual(rows.filter((r) => !(r.length === 1 && r[0] === '')));
      }),
    );
  });
});

describe('formula-injection guard', () => {
  it.each(['=1+1', '+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('prefixes %j with an apostrophe', (text) => {
    expect(guardFormula(text)).toBe(`'${text}`);
  });

  it('also guards text that already looks guarded, so that import can undo the guard exactly', () => {
    expect(guardFormula("'=x")).toBe("''=x");
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['Printer jam', '', "'quoted", 'a=b', ' =x']) expect(guardFormula(text)).toBe(text);
  });

  it('is undone exactly by unguardFormula', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(unguardFormula(guardFormula(s))).toBe(s);
      }),
    );
  });

  it("keeps an apostrophe a person typed before ordinary text", () => {
    expect(unguardFormula("'twas")).toBe("'twas");
  });
});
