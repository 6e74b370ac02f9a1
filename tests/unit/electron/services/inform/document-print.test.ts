import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../../../electron/services/app-services';
import type { IpcRouter } from '../../../../../electron/services/ipc/router';
import type { PdfOptions } from '../../../../../shared/print/pdfOptions';

const trusted = { url: 'app://fielddesk/index.html', isTopFrame: true };
const fakePdf = (pages: number) => new TextEncoder().encode(`%PDF-1.7\n1 0 obj << /Type /Pages /Count ${pages} >>\n${'<< /Type /Page /Parent 1 0 R >>\n'.repeat(pages)}%%EOF`);

let dir: string;
let router: IpcRouter;
let printed: { html: string; options: PdfOptions }[];
let saveAnswers: (string | null)[];
let saveRequests: string[];
let answer: () => Uint8Array;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'fd-docprint-'));
  printed = [];
  saveAnswers = [];
  saveRequests = [];
  answer = () => fakePdf(1);
  ({ router } = await createAppServices({
    appInfo: { name: 'FieldDesk', version: '1.0.0', platform: 'linux', electron: null },
    dataDir: path.join(dir, 'data'),
    viewDir: path.join(dir, 'view'),
    appOrigins: () => ['app://fielddesk'],
    openExternal: async () => undefined,
    openPath: async () => '',
    dialogs: {
      pickFiles: async () => [],
      saveFile: async (o) => {
        saveRequests.push(o.defaultName);
        return saveAnswers.shift() ?? null;
      },
    },
    printer: {
      toPdf: async (html, options) => {
        printed.push({ html, options });
        return answer();
      },
      printWithDialog: async () => true,
    },
    fontsDir: path.resolve('resources/fonts'),
  }));
});

const call = (payload: unknown) => router.handle('documents.printPdf', trusted, payload);
const doc = {
  kind: 'workInstruction',
  title: 'Reset a jury portal password',
  system: 'Jury portal',
  version: 4,
  state: 'published',
  owner: 'Ana Méndez',
  audience: 'staff',
  systems: [],
  tags: ['passwords'],
  reviewBy: '2026-07-01',
  body: '1. Open **Admin**.\n\n<img src="https://evil.example/x.png">',
  images: [],
  printedText: 'Printed Nov 3, 2026',
};

describe('documents.printPdf', () => {
  it('prints any document to the chosen PDF on A4 with its details, header and page numbers', async () => {
    const out = path.join(dir, 'doc.pdf');
    saveAnswers.push(out);
    const res = await call({ document: doc, paper: 'A4' });
    expect(res).toMatchObject({ ok: true, value: { cancelled: false, path: out, pages: 1 } });
    expect(saveRequests).toEqual(['Reset a jury portal password v4.pdf']);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const [{ html, options }] = printed as [{ html: string; options: PdfOptions }];
    expect(html).toContain('<dt>Owner</dt><dd>Ana Méndez</dd>');
    expect(html).toContain('<dt>Audience</dt><dd>Staff only</dd>');
    expect(html).not.toMatch(/<img[^>]*evil\.example/);
    expect(options).toMatchObject({ pageSize: 'A4', displayHeaderFooter: true });
    expect(options.headerTemplate).toContain('Reset a jury portal password');
    expect(options.footerTemplate).toContain('Version 4 · Published · Printed Nov 3, 2026');
    expect(options.footerTemplate).toContain('class="pageNumber"');
  });

  it('does nothing when the dialog is cancelled; refuses HTML, ids and bad values before any dialog', async () => {
    expect(await call({ document: doc })).toEqual({ ok: true, value: { cancelled: true } });
    expect(printed).toEqual([]);
    saveRequests.length = 0;
    for (const bad of [{ ...doc, html: '<b>x</b>' }, { ...doc, ownerId: 'p-1' }, { ...doc, reviewBy: 'soon' }, { ...doc, state: 'secret' }]) {
      expect(await call({ document: bad, paper: 'Letter' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    expect(await call({ document: doc, paper: 'Legal' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(saveRequests).toEqual([]);
  });

  it('a print that does not make a PDF is an error, and the answer is checked against the contract', async () => {
    saveAnswers.push(path.join(dir, 'x.pdf'));
    answer = () => new TextEncoder().encode('<html>not a pdf</html>');
    expect(await call({ document: doc, paper: 'Letter' })).toMatchObject({ ok: false, error: { message: 'Printing to PDF produced something that is not a PDF.' } });
  });
});
