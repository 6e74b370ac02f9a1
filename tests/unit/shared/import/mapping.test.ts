import { describe, expect, it } from 'vitest';
import { INCIDENT_LOG_COLUMNS } from '../../../../shared/export/columns';
import { checkMapping, displayHeaders, normalizeHeader, suggestMapping, type ImportField } from '../../../../shared/import/mapping';

const PEOPLE: ImportField[] = [
  { key: 'name', header: 'Name', type: 'text', width: 20, required: true, aliases: ['Full name'] },
  { key: 'email', header: 'Email', type: 'text', width: 20, aliases: ['E-mail', 'Mail'] },
  { key: 'phone', header: 'Phone', type: 'text', width: 20, aliases: ['Telephone'] },
  { key: 'agency', header: 'Agency', type: 'text', width: 20, aliases: ['Court', 'Organisation'] },
];

describe('normalizeHeader', () => {
  it('ignores case, accents, punctuation and camel case', () => {
    expect(normalizeHeader(' E-Mail_Address ')).toBe('e mail address');
    expect(normalizeHeader('Téléphone')).toBe('telephone');
    expect(normalizeHeader('createdAt')).toBe('created at');
  });
});

describe('suggestMapping', () => {
  it('matches headers written differently, and leaves unknown columns unmapped', () => {
    const headers = ['FULL NAME', 'e-mail', 'Tel', 'Favourite colour', 'Court'];
    expect(suggestMapping(headers, PEOPLE)).toEqual({ name: 0, email: 1, agency: 4 });
  });

  it('tolerates small typos and extra words', () => {
    expect(suggestMapping(['Emial', 'Phone number', 'Name'], PEOPLE)).toEqual({ email: 0, phone: 1, name: 2 });
  });

  it('prefers the exact header when two columns look alike', () => {
    expect(suggestMapping(['Email address', 'Email'], PEOPLE)).toEqual({ email: 1 });
  });

  it('maps every column of an own export back to its field', () => {
    const mapping = suggestMapping(
      INCIDENT_LOG_COLUMNS.map((c) => c.header),
      INCIDENT_LOG_COLUMNS,
    );
    expect(mapping).toEqual(Object.fromEntries(INCIDENT_LOG_COLUMNS.map((c, i) => [c.key, i])));
  });
});

describe('checkMapping', () => {
  it('accepts a good mapping', () => {
    expect(checkMapping({ name: 0, email: 1 }, ['Name', 'Email'], PEOPLE)).toEqual([]);
  });

  it('names every problem', () => {
    expect(checkMapping({ email: 0, phone: 0, agency: 9, shoeSize: 1 }, ['Email', 'X'], PEOPLE)).toEqual([
      'Column "Email" is mapped to both Email and Phone',
      'Agency is mapped to a column the file does not have',
      '"shoeSize" is not a field that can be imported',
      'Name is required: choose the column that holds it',
    ]);
  });
});

describe('displayHeaders', () => {
  it('names blank header cells', () => {
    expect(displayHeaders(['Name', '', null, ' Email '])).toEqual(['Name', 'Column 2', 'Column 3', 'Email']);
  });
});
