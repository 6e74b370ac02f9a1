import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { savePdfWithDialog, type SavePdfDeps } from '../../../../../electron/services/print/save-pdf';
import { pageSetup } from '../../../../../shared/print/pageSetup';
import { pdfOptions } from '../../../../../shared/print/pdfOptions';

const TWO_PAGES = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Pages /Count 2 >>\n2 0 obj << /Type /Page >>\n3 0 obj << /Type /Page >>\n%%EOF\n');
const NO_PAGES = new TextEncoder().encode('%PDF-1.7\n% pages in a compressed stream\n%%EOF\n');
const options = pdfOptions(pageSetup('Letter'), { footer: 'F' });

describe('savePdfWithDialog (the save-as-PDF of training, operations and access)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fielddesk-save-pdf-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const depsFor = (chosen: string | null, pdf: Uint8Array = TWO_PAGES) => {
    const saveFile = vi.fn<SavePdfDeps['dialogs']['saveFile']>(async () => chosen);
    const toPdf = vi.fn<SavePdfDeps['printer']['toPdf']>(async () => pdf);
    return { deps: { dialogs: { saveFile }, printer: { toPdf } }, saveFile, toPdf };
  };

  it('asks where with the proposed name and a PDF filter, prints the HTML there and counts its pages', async () => {
    const out = join(dir, 'Review.pdf');
    const { deps, saveFile, toPdf } = depsFor(out);
    const saved = await savePdfWithDialog(deps, { html: '<p>review</p>', options, defaultName: 'Review.pdf' });
    expect(saveFile).toHaveBeenCalledWith({ title: 'Save as PDF', defaultName: 'Review.pdf', filters: [{ name: 'PDF document', extensions: ['pdf'] }] });
    expect(toPdf).toHaveBeenCalledWith('<p>review</p>', options);
    expect(saved).toEqual({ ok: true, value: { cancelled: false, path: out, bytes: TWO_PAGES.length, pages: 2 } });
    expect(new Uint8Array(readFileSync(out))).toEqual(TWO_PAGES);
  });

  it('adds .pdf to a chosen name without it', async () => {
    const { deps } = depsFor(join(dir, 'handout'));
    const saved = await savePdfWithDialog(deps, { html: '<p>x</p>', options, defaultName: 'handout.pdf' });
    expect(saved.ok && !saved.value.cancelled && saved.value.path).toBe(join(dir, 'handout.pdf'));
    expect(readdirSync(dir)).toEqual(['handout.pdf']);
  });

  it('prints nothing when the dialog is cancelled', async () => {
    const { deps, toPdf } = depsFor(null);
    expect(await savePdfWithDialog(deps, { html: '<p>x</p>', options, defaultName: 'x.pdf' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(toPdf).not.toHaveBeenCalled();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says pages are unknown (null) when the PDF does not show them', async () => {
    const { deps } = depsFor(join(dir, 'a.pdf'), NO_PAGES);
    const saved = await savePdfWithDialog(deps, { html: '<p>x</p>', options, defaultName: 'a.pdf' });
    expect(saved.ok && !saved.value.cancelled && saved.value.pages).toBeNull();
  });

  it('passes on a failed print and leaves no file', async () => {
    const { deps } = depsFor(join(dir, 'a.pdf'), new TextEncoder().encode('<html>not a pdf'));
    const saved = await savePdfWithDialog(deps, { html: '<p>x</p>', options, defaultName: 'a.pdf' });
    expect(saved.ok).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
