import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PostalMime from 'postal-mime';
import { afterEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { HandlerDeps } from '../../../../../electron/services/handlers';
import { createInformHandlers } from '../../../../../electron/services/inform/inform-handlers';
import { statusReportWorkbook } from '../../../../../electron/services/inform/report-workbook';
import { createDraftFiles, draftFilePath, draftFilesDir, storedNameFor } from '../../../../../electron/services/mail/draft-files';
import { createMailHandlers } from '../../../../../electron/services/mail/mail-handlers';
import { StatusReportDocSchema, type StatusReportDoc } from '../../../../../shared/inform/report-output';
import { MailDraftRequestSchema } from '../../../../../shared/ipc/channels/mail';
import type { PdfOptions } from '../../../../../shared/print/pdfOptions';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
const tempDir = async () => {
  const d = await mkdtemp(path.join(tmpdir(), 'fd-report-'));
  dirs.push(d);
  return d;
};

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Page>>endobj\ntrailer<<>>\n%%EOF\n');
const row = { number: 'KX7Q-00001', title: '=HYPERLINK("http://evil")', status: 'Open', priority: 'P2' as const, opened: '2026-10-05T10:00', ageDays: 28, sla: 'on track', lastUpdate: null, requester: 'Ana Ruiz', assignee: '', site: 'Hall of Justice' };
const doc: StatusReportDoc = StatusReportDocSchema.parse({
  title: 'Eastside District — status report',
  scope: 'agency',
  subject: 'Eastside District',
  agency: 'Eastside District',
  period: { from: '2026-10-01', to: '2026-10-31' },
  timeZone: 'America/Los_Angeles',
  generatedAt: '2026-11-02T09:00',
  sections: ['counts', 'open', 'waiting', 'resolved', 'training'],
  open: [row],
  resolved: [{ number: 'KX7Q-00004', title: 'Toner', priority: 'P3', opened: '2026-10-12T10:00', resolved: '2026-10-13T11:00', resolution: 'Replaced the toner', resolutionCode: 'fixed' }],
  counts: { open: 1, opened: 2, resolved: 1, breached: 0, waiting: 0 },
  trend: [{ start: '2026-10-01', opened: 2, resolved: 1, breached: 0 }],
  training: [{ title: 'E-filing basics', date: '2026-10-14', status: 'completed', attendees: 7 }],
  waiting: [],
});

describe('the status report workbook', () => {
  it('has a sheet per section with typed cells, read back by another library (xlsx)', async () => {
    const { bytes, sheets } = await statusReportWorkbook(doc);
    const book = XLSX.read(bytes, { cellDates: true });
    expect(book.SheetNames).toEqual(sheets);
    expect(sheets).toEqual(['Report', 'Counts', 'Trend', 'Open requests', 'Waiting on the customer', 'Resolved in the period', 'Training held']);
    const open = book.Sheets['Open requests']!;
    expect(open.A1!.v).toBe('Ticket');
    expect(open.A2).toMatchObject({ t: 's', v: 'KX7Q-00001' });
    // A title a spreadsheet would run as a formula is text, guarded.
    expect(open.B2).toMatchObject({ t: 's', v: `'=HYPERLINK("http://evil")` });
    expect(open.B2!.f).toBeUndefined();
    expect(open.E2!.t).toBe('d');
    expect((open.E2!.v as Date).toISOString()).toBe('2026-10-05T10:00:00.000Z');
    expect(open.F2).toMatchObject({ t: 'n', v: 28 });
    expect(open.H2).toBeUndefined(); // no update sent: an empty cell, not the text "null"
    const counts = book.Sheets.Counts!;
    expect(counts.B2).toMatchObject({ t: 'n', v: 1 });
    expect(counts.B3).toMatchObject({ t: 'n', v: 2 });
    expect(book.Sheets.Trend!.A2!.t).toBe('d');
    expect(book.Sheets['Training held']!.D2).toMatchObject({ t: 'n', v: 7 });
    expect(book.Sheets.Report!.B3).toMatchObject({ t: 's', v: 'Eastside District' });
    expect(book.Sheets.Report!.B4).toMatchObject({ t: 'd' });
    expect(XLSX.utils.sheet_to_json(book.Sheets['Waiting on the customer']!)).toEqual([]);
  });
});

describe('the status report handlers', () => {
  async function setup() {
    const dataDir = await tempDir();
    const printed: { html: string; options: PdfOptions }[] = [];
    const saves: (string | null)[] = [];
    const deps = {
      dataDir,
      fontsDir: path.resolve('resources/fonts'),
      dialogs: { pickFiles: async () => [], saveFile: async () => saves.shift() ?? null },
      printer: { toPdf: async (html: string, options: PdfOptions) => (printed.push({ html, options }), new Uint8Array(PDF)), printWithDialog: async () => false },
      openExternal: async () => undefined,
      openPath: async () => '',
    } as unknown as HandlerDeps;
    const files = createDraftFiles(dataDir);
    return { dataDir, printed, saves, inform: createInformHandlers(deps, files), mail: createMailHandlers(deps, files) };
  }

  it('prints to PDF where the person chose, with the agency in the header and page numbers in the footer; a cancel writes nothing', async () => {
    const { dataDir, printed, saves, inform } = await setup();
    saves.push(null);
    expect(await inform['inform.reportPdf']({ report: doc, paper: 'A4' }, {} as never)).toEqual({ ok: true, value: { cancelled: true } });
    expect(printed).toHaveLength(0);
    const out = path.join(dataDir, 'report');
    saves.push(out);
    const r = await inform['inform.reportPdf']({ report: doc, paper: 'A4' }, {} as never);
    expect(r).toMatchObject({ ok: true, value: { cancelled: false, path: `${out}.pdf`, pages: 1 } });
    expect((await readFile(`${out}.pdf`)).equals(PDF)).toBe(true);
    expect(printed[0]!.options.pageSize).toBe('A4');
    expect(printed[0]!.options.headerTemplate).toContain('Eastside District');
    expect(printed[0]!.options.footerTemplate).toContain('class="pageNumber"');
    expect(printed[0]!.html).toContain('<h1>Eastside District — status report</h1>');
  });

  it('writes the workbook where the person chose', async () => {
    const { dataDir, saves, inform } = await setup();
    const out = path.join(dataDir, 'report.xlsx');
    saves.push(out);
    const r = await inform['inform.reportXlsx']({ report: doc }, {} as never);
    expect(r).toMatchObject({ ok: true, value: { cancelled: false, path: out } });
    expect(XLSX.read(await readFile(out)).SheetNames).toContain('Open requests');
  });

  it('makes a mail draft with the PDF main wrote in its own folder attached, and attaches nothing else', async () => {
    const { dataDir, inform, mail } = await setup();
    const pdf = await inform['inform.reportPdfForMail']({ report: doc, paper: 'Letter' }, {} as never);
    if (!pdf.ok) throw new Error(pdf.error.message);
    expect(pdf.value.filename).toBe('Eastside District status report 2026-10-01 to 2026-10-31 Letter.pdf');
    expect(await readdir(draftFilesDir(dataDir))).toEqual([pdf.value.name]);
    const req = (files: { name: string }[]) => MailDraftRequestSchema.parse({ to: [{ address: 'clerk@eastside.example.gov' }], subject: 'Status report: Eastside District', text: 'Attached.', files, as: 'eml' });
    const r = await mail['mail.draft'](req([{ name: pdf.value.name }]), {} as never);
    if (!r.ok || r.value.kind !== 'eml') throw new Error('no draft');
    const parsed = await PostalMime.parse(await readFile(r.value.file));
    expect(parsed.headers.find((h) => h.key === 'x-unsent')?.value).toBe('1');
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]).toMatchObject({ filename: pdf.value.filename, mimeType: 'application/pdf' });
    expect(Buffer.from(parsed.attachments[0]!.content as ArrayBuffer).equals(PDF)).toBe(true);

    // The folder rule: a file of the right shape in the folder that this process did not write, a path out, another folder.
    const planted = 'planted-abc123.pdf';
    await writeFile(path.join(draftFilesDir(dataDir), planted), PDF);
    for (const name of [planted, '../x.pdf', '../../backup.fdbak', '/etc/passwd', 'sub/x.pdf', path.join(dataDir, 'report.pdf')]) {
      expect(await mail['mail.draft'](req([{ name }]), {} as never), name).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    // A second process (a restart) does not attach what the first wrote.
    const other = createMailHandlers({ dataDir, openExternal: async () => undefined, openPath: async () => '' });
    expect(await other['mail.draft'](req([{ name: pdf.value.name }]), {} as never)).toMatchObject({ ok: false });
  });

  it('names stored files safely and only inside the folder', async () => {
    const dataDir = await tempDir();
    expect(storedNameFor('Estado — Eastside.pdf', 'ab12cd34ef56')).toBe('Estado-Eastside-ab12cd34ef56.pdf');
    expect(storedNameFor('x.exe', 'a')).toBeNull();
    expect(draftFilePath(dataDir, 'a-1.pdf')).toBe(path.join(dataDir, 'drafts', 'attachments', 'a-1.pdf'));
    for (const bad of ['../a.pdf', 'a.eml', '.pdf', 'a/b.pdf', 'a..pdf']) expect(draftFilePath(dataDir, bad), bad).toBeNull();
    const files = createDraftFiles(dataDir);
    expect(await files.write('report.txt', new Uint8Array([1]))).toMatchObject({ ok: false });
  });
});
