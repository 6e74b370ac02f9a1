import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrintToPDFOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { printDocument, type PrintToPdf } from '../../../../../electron/services/print/printDocument';
import { pageSetup } from '../../../../../shared/print/pageSetup';
import { pdfOptions } from '../../../../../shared/print/pdfOptions';

const FAKE_PDF = new TextEncoder().encode('%PDF-1.7\n% fake but well-labelled\n%%EOF\n');
const options = pdfOptions(pageSetup('Letter'), { header: 'T' });

describe('printDocument', () => {
  it('takes options Electron\'s printToPDF accepts as they are (checked by tsc)', () => {
    expectTypeOf(options).toExtend<PrintToPDFOptions>();
    expect(Object.keys(options).sort()).toEqual(['displayHeaderFooter', 'footerTemplate', 'headerTemplate', 'landscape', 'margins', 'pageSize', 'preferCSSPageSize', 'printBackground']);
  });

  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fielddesk-print-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hands the HTML and options to the injected printer and saves what it returns', async () => {
    const printer = vi.fn<PrintToPdf>(async () => FAKE_PDF);
    const out = join(dir, 'handout.pdf');
    const result = await printDocument({ html: '<p>hi</p>', options, printToPdf: printer, outPath: out });
    expect(result).toEqual({ ok: true, value: { path: out, bytes: FAKE_PDF.length } });
    expect(printer).toHaveBeenCalledWith('<p>hi</p>', options);
    expect(new Uint8Array(readFileSync(out))).toEqual(FAKE_PDF);
    expect(readdirSync(dir)).toEqual(['handout.pdf']);
  });

  it('replaces an existing file with the new PDF', async () => {
    const out = join(dir, 'sheet.pdf');
    writeFileSync(out, 'old');
    const result = await printDocument({ html: '<p>x</p>', options, printToPdf: async () => FAKE_PDF, outPath: out });
    expect(result.ok).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain('%PDF-1.7');
  });

  it('leaves the previous file alone and no temp file behind when printing fails', async () => {
    const out = join(dir, 'sheet.pdf');
    writeFileSync(out, 'previous good copy');
    const result = await printDocument({ html: '<p>x</p>', options, printToPdf: async () => Promise.reject(new Error('renderer crashed')), outPath: out });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'internal', message: expect.stringContaining('renderer crashed') });
    expect(readFileSync(out, 'utf8')).toBe('previous good copy');
    expect(readdirSync(dir)).toEqual(['sheet.pdf']);
  });

  it('refuses output that is not a PDF', async () => {
    const out = join(dir, 'x.pdf');
    const result = await printDocument({ html: '<p>x</p>', options, printToPdf: async () => new TextEncoder().encode('<html>'), outPath: out });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/not a PDF/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    ['a relative path', 'out.pdf'],
    ['a path without .pdf', '/tmp/out.txt'],
  ])('rejects %s without printing', async (_label, outPath) => {
    const printer = vi.fn<PrintToPdf>(async () => FAKE_PDF);
    const result = await printDocument({ html: '<p>x</p>', options, printToPdf: printer, outPath });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(printer).not.toHaveBeenCalled();
  });

  it('rejects an empty document', async () => {
    const result = await printDocument({ html: '  ', options, printToPdf: async () => FAKE_PDF, outPath: join(dir, 'a.pdf') });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request', message: 'There is nothing to print.' } });
  });

  it('says so when the folder does not exist', async () => {
    const result = await printDocument({ html: '<p>x</p>', options, printToPdf: async () => FAKE_PDF, outPath: join(dir, 'gone', 'a.pdf') });
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'The folder for "a.pdf" does not exist.' } });
  });
});
