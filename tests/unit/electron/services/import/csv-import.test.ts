import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersonInputSchema } from '../../../../../shared/people/schema';
import { dryRunImport, previewImport } from '../../../../../electron/services/import/import-service';
import { FIXTURES, PEOPLE_FIELDS } from './people-fields';

let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'fielddesk-import-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

const people = (path: string, mapping: Record<string, number>, extra: object = {}) =>
  dryRunImport(path, { fields: PEOPLE_FIELDS, mapping, schema: PersonInputSchema, unique: { fields: ['email'], label: 'email' }, ...extra });

describe('CSV import: mapping step', () => {
  it('reads the header and first rows, and suggests a mapping from fuzzy header names', async () => {
    const r = await previewImport(join(FIXTURES, 'people-good.csv'), PEOPLE_FIELDS);
    expect(r).toEqual({
      ok: true,
      value: {
        format: 'csv',
        sheet: null,
        headers: ['Full name', 'E-mail', 'Phone', 'Court', 'Kind'],
        sampleRows: [
          ['Ana Ruiz', 'ana@court.gov', '555-0100', 'County Court, Division 2', 'requester'],
          ['Bo "Bobby" Chen', 'bo@it.gov', '', 'IT', 'staff'],
          ['Carla Diaz', '', '', 'Main St\r\nAnnex', ''],
        ],
        suggestedMapping: { name: 0, email: 1, phone: 2, agency: 3, kind: 4 },
      },
    });
  });

  it('detects a semicolon-separated file', async () => {
    const r = await previewImport(join(FIXTURES, 'people-semicolon.csv'), PEOPLE_FIELDS);
    expect(r).toMatchObject({ ok: true, value: { headers: ['Name', 'Email', 'Agency'], sampleRows: [['Ana', 'ana@court.gov', 'Court; Division 2']] } });
  });
});

describe('CSV import: dry run', () => {
  it('returns every record of a good file, with quotes, commas and line breaks intact', async () => {
    const r = await people(join(FIXTURES, 'people-good.csv'), { name: 0, email: 1, phone: 2, agency: 3, kind: 4 });
    expect(r.ok && r.value.errors).toEqual([]);
    expect(r.ok && r.value.records).toEqual([
      { name: 'Ana Ruiz', email: 'ana@court.gov', phone: '555-0100', agency: 'County Court, Division 2', site: '', title: '', kind: 'requester' },
      { name: 'Bo "Bobby" Chen', email: 'bo@it.gov', phone: '', agency: 'IT', site: '', title: '', kind: 'staff' },
      { name: 'Carla Diaz', email: '', phone: '', agency: 'Main St\r\nAnnex', site: '', title: '', kind: 'requester' },
    ]);
    expect(r).toMatchObject({ ok: true, value: { totalRows: 3, validRows: 3, errorRowCount: 0 } });
  });

  it('lists every bad row with its reasons: missing field, bad value, unknown enum, duplicate, ragged row, existing key', async () => {
    const r = await people(join(FIXTURES, 'people-bad.csv'), { name: 0, email: 1, kind: 2 }, { existingKeys: ['OLD@court.gov'] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.errors).toEqual([
      { row: 3, errors: [{ column: 'Name', field: 'name', message: 'Missing Name' }] },
      { row: 4, errors: [{ column: 'Email', field: 'email', message: 'Not a valid email address' }] },
      { row: 5, errors: [{ column: 'Kind', field: 'kind', message: 'Unknown kind "boss"; expected one of: requester, staff' }] },
      { row: 6, errors: [{ column: 'Email', field: 'email', message: 'Duplicate: row 2 has the same email "ANA@court.gov"' }] },
      { row: 7, errors: [{ column: '', message: expect.stringMatching(/^This row has 4 values but the header has 3 columns/) }] },
      { row: 8, errors: [{ column: 'Email', field: 'email', message: 'Already exists: a record with email "old@court.gov" is already in FieldDesk' }] },
    ]);
    expect(r.value).toMatchObject({ totalRows: 7, validRows: 1, errorRowCount: 6, errorsTruncated: false });
  });

  it('can stream valid records in chunks instead of collecting them, and cap the error list', async () => {
    const got: number[] = [];
    const r = await people(join(FIXTURES, 'people-bad.csv'), { name: 0, email: 1, kind: 2 }, { onRecords: (c: Array<{ row: number }>) => void got.push(...c.map((x) => x.row)), maxErrorRows: 2 });
    expect(got).toEqual([2, 8]);
    expect(r).toMatchObject({ ok: true, value: { records: [], errorRowCount: 5, errorsTruncated: true } });
    expect(r.ok && r.value.errors).toHaveLength(2);
  });

  it('refuses a mapping that leaves a required field out, before reading rows', async () => {
    expect(await people(join(FIXTURES, 'people-good.csv'), { email: 1 })).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: 'Column mapping: Name is required: choose the column that holds it' },
    });
  });
});

describe('CSV import: malformed files get a clear error', () => {
  it('wrong encoding (Windows-1252 text)', async () => {
    const path = join(dir, 'latin1.csv');
    await writeFile(path, Buffer.from('Name,Email\r\nJos\xe9 Mu\xf1oz,jose@court.gov\r\n', 'latin1'));
    const r = await people(path, { name: 0, email: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/^Wrong encoding: the file is not UTF-8 text/) } });
  });

  it('UTF-16 text', async () => {
    const path = join(dir, 'utf16.csv');
    await writeFile(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name,Email\r\n', 'utf16le')]));
    expect(await previewImport(path, PEOPLE_FIELDS)).toMatchObject({ ok: false, error: { message: expect.stringContaining('UTF-16') } });
  });

  it('binary garbage', async () => {
    const path = join(dir, 'garbage.csv');
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) % 256;
    bytes.write('Name,Email\n', 0);
    await writeFile(path, bytes);
    expect(await people(path, { name: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/binary data \(a NUL byte at byte \d+\)/) } });
  });

  it('a 1 GB file is refused at once, without reading it', async () => {
    const path = join(dir, 'huge.csv');
    await writeFile(path, 'Name,Email\n');
    await truncate(path, 1024 ** 3); // sparse: costs no disk space
    const started = Date.now();
    const r = await people(path, { name: 0 });
    expect(r).toEqual({ ok: false, error: { code: 'too_large', message: 'The file is 1.0 GB; FieldDesk imports files up to 50.0 MB. Split it into smaller files.' } });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('the size limit is configurable', async () => {
    const r = await previewImport(join(FIXTURES, 'people-good.csv'), PEOPLE_FIELDS, { maxBytes: 100 });
    expect(r).toMatchObject({ ok: false, error: { code: 'too_large', message: expect.stringContaining('up to 100 bytes') } });
  });

  it('a quoted field that never closes', async () => {
    const r = await people(join(FIXTURES, 'unclosed-quote.csv'), { name: 0, email: 1 });
    expect(r).toEqual({ ok: false, error: { code: 'invalid_request', message: 'The CSV file is malformed: A quoted field that starts on line 3 is never closed (a missing " character).' } });
  });

  it('an old .xls workbook, an empty file, a missing file', async () => {
    const xls = join(dir, 'old.csv');
    await writeFile(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(await previewImport(xls, PEOPLE_FIELDS)).toMatchObject({ ok: false, error: { message: expect.stringContaining('old-style Excel file (.xls)') } });
    const empty = join(dir, 'empty.csv');
    await writeFile(empty, '');
    expect(await previewImport(empty, PEOPLE_FIELDS)).toEqual({ ok: false, error: { code: 'invalid_request', message: 'The file is empty.' } });
    expect(await previewImport(join(dir, 'missing.csv'), PEOPLE_FIELDS)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('more rows than the limit', async () => {
    const r = await people(join(FIXTURES, 'people-bad.csv'), { name: 0, email: 1 }, { maxRows: 3 });
    expect(r).toMatchObject({ ok: false, error: { code: 'too_large', message: 'The file has more than 3 rows; split it into smaller files.' } });
  });
});
