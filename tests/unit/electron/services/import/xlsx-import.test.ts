import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PersonInputSchema } from '../../../../../shared/people/schema';
import type { ImportField } from '../../../../../shared/import/mapping';
import { dryRunImport, previewImport } from '../../../../../electron/services/import/import-service';
import { cellToRaw } from '../../../../../electron/services/import/xlsx-rows';
import { PEOPLE_FIELDS } from './people-fields';

let dir: string;
let peoplePath: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fielddesk-xlsx-import-'));
  // Written by ExcelJS's ordinary (non-streaming) writer: a second, independent producer of XLSX.
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet('Notes');
  notes.addRow(['Read me first']);
  notes.state = 'hidden';
  const ws = wb.addWorksheet('People');
  ws.addRow(['Name', 'Email', 'Kind', 'Joined']);
  ws.addRow(['Ana Ruiz', 'ana@court.gov', 'requester', new Date(Date.UTC(2023, 4, 1))]);
  ws.getCell('D2').numFmt = 'yyyy-mm-dd';
  ws.addRow([{ formula: 'A2&" Jr"', result: 'Ana Ruiz Jr' }, 'jr@court.gov', 'staff', 45000]);
  ws.addRow(['No Result', { formula: 'LOWER(A4)&"@court.gov"' }, 'staff', null]);
  ws.addRow(['Error Cell', 'e@court.gov', { error: '#N/A' }, null]);
  ws.addRow([{ richText: [{ text: 'Rich ' }, { text: 'Text', font: { bold: true } }] }, { text: 'rt@court.gov', hyperlink: 'mailto:rt@court.gov' }, 'requester', null]);
  peoplePath = join(dir, 'people.xlsx');
  await wb.xlsx.writeFile(peoplePath);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const FIELDS: ImportField[] = [...PEOPLE_FIELDS, { key: 'joined', header: 'Joined', type: 'date', width: 12 }];
const Schema = PersonInputSchema.extend({ joined: z.string().optional() });

describe('XLSX import', () => {
  it('reads the first visible sheet and suggests a mapping', async () => {
    const r = await previewImport(peoplePath, FIELDS);
    expect(r).toMatchObject({
      ok: true,
      value: { format: 'xlsx', sheet: 'People', headers: ['Name', 'Email', 'Kind', 'Joined'], suggestedMapping: { name: 0, email: 1, kind: 2, joined: 3 } },
    });
    expect(r.ok && r.value.sampleRows[2]).toEqual(['No Result', '#ERROR', 'staff']);
  });

  it("takes a formula's saved result, and reports formulas without one and error cells per row", async () => {
    const r = await dryRunImport(peoplePath, { fields: FIELDS, mapping: { name: 0, email: 1, kind: 2, joined: 3 }, schema: Schema, timeZone: 'UTC' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.records).toEqual([
      expect.objectContaining({ name: 'Ana Ruiz', joined: '2023-05-01' }),
      expect.objectContaining({ name: 'Ana Ruiz Jr', kind: 'staff', joined: '2023-03-15' }), // serial 45000 without a date format
      expect.objectContaining({ name: 'Rich Text', email: 'rt@court.gov' }),
    ]);
    expect(r.value.errors).toEqual([
      { row: 4, errors: [{ column: 'Email', field: 'email', message: expect.stringMatching(/^The cell holds a formula \(=LOWER\(A4\)&"@court.gov"\) without a saved value/) }] },
      { row: 5, errors: [{ column: 'Kind', field: 'kind', message: 'The cell shows the error #N/A' }] },
    ]);
  });

  it('reads a named sheet, and says which sheets exist when the name is wrong', async () => {
    expect(await previewImport(peoplePath, FIELDS, { sheet: 'Notes' })).toMatchObject({ ok: true, value: { sheet: 'Notes', headers: ['Read me first'] } });
    expect(await previewImport(peoplePath, FIELDS, { sheet: 'Staff' })).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: 'The workbook has no sheet named "Staff" (it has: Notes, People).' },
    });
  });

  it('reports a damaged workbook clearly', async () => {
    const path = join(dir, 'broken.xlsx');
    await writeFile(path, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 0x41)]));
    expect(await previewImport(path, FIELDS)).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/^The Excel file cannot be read/) } });
  });

  it('refuses a file named .xlsx that is not a workbook', async () => {
    const path = join(dir, 'fake.xlsx');
    await writeFile(path, 'Name,Email\nA,b\n');
    expect(await previewImport(path, FIELDS)).toMatchObject({ ok: false, error: { message: expect.stringContaining('named .xlsx but is not an Excel workbook') } });
  });
});

describe('cellToRaw', () => {
  it('maps the shapes ExcelJS reads', () => {
    expect(cellToRaw({ sharedFormula: 'A1', result: 3 })).toBe(3);
    expect(cellToRaw({ formula: 'A1/0', result: { error: '#DIV/0!' } })).toEqual({ problem: 'The formula in this cell results in #DIV/0!' });
    expect(cellToRaw({ formula: 'NA()', result: Number.NaN })).toEqual({ problem: 'The formula in this cell results in an error' });
    expect(cellToRaw(null)).toBeUndefined();
  });
});
