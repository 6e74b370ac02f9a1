import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../../../electron/services/app-services';
import type { IpcRouter } from '../../../../../electron/services/ipc/router';
import type { PdfOptions } from '../../../../../shared/print/pdfOptions';
import { signInSheetPages } from '../../../../../shared/training/print/signInSheet';
import { pageSetup } from '../../../../../shared/print/pageSetup';
import { makePng } from '../../../shared/training/fixtures';

const trusted = { url: 'app://fielddesk/index.html', isTopFrame: true };

/** A PDF as far as the checks go: the magic number and `pages` page objects. */
const fakePdf = (pages: number) => new TextEncoder().encode(`%PDF-1.7\n1 0 obj << /Type /Pages /Count ${pages} >>\n${'<< /Type /Page /Parent 1 0 R >>\n'.repeat(pages)}%%EOF`);

let dir: string;
let router: IpcRouter;
let printed: { html: string; options: PdfOptions }[];
let dialogPrinted: string[];
let saveAnswers: (string | null)[];
let pickAnswers: string[][];
let saveRequests: { title: string; defaultName: string }[];
let pdfPages: number;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'fd-training-'));
  printed = [];
  dialogPrinted = [];
  saveAnswers = [];
  pickAnswers = [];
  saveRequests = [];
  pdfPages = 2;
  ({ router } = await createAppServices({
    appInfo: { name: 'FieldDesk', version: '1.0.0', platform: 'linux', electron: null },
    dataDir: path.join(dir, 'data'),
    viewDir: path.join(dir, 'view'),
    appOrigins: () => ['app://fielddesk'],
    openExternal: async () => undefined,
    openPath: async () => '',
    dialogs: {
      pickFiles: async () => pickAnswers.shift() ?? [],
      saveFile: async (o) => {
        saveRequests.push({ title: o.title, defaultName: o.defaultName });
        return saveAnswers.shift() ?? null;
      },
    },
    printer: {
      toPdf: async (html, options) => {
        printed.push({ html, options });
        return fakePdf(pdfPages);
      },
      printWithDialog: async (html) => {
        dialogPrinted.push(html);
        return true;
      },
    },
    fontsDir: path.resolve('resources/fonts'),
  }));
});

const call = (channel: string, payload: unknown) => router.handle(channel, trusted, payload);

const png = makePng(40, 30);
const pngUri = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;

const handout = (body: string, images: unknown[] = []) => ({
  document: { kind: 'handout', material: { kind: 'workInstruction', title: 'Filing a new civil case', system: 'Odyssey', version: 3, body, images } },
  paper: 'Letter',
});

const session = { startLocal: '2026-03-10T09:00', timeZone: 'America/Los_Angeles', durationMinutes: 180, location: 'Hall of Justice, Room 204', onlineUrl: '' };

describe('training handlers', () => {
  it('prints a handout to the chosen PDF with the shared template, sanitized, and reports its pages', async () => {
    const out = path.join(dir, 'handout.pdf');
    saveAnswers.push(out);
    const res = await call('training.printPdf', handout('# Steps\n\n1. Open **Case**\n\n<script>alert(1)</script>\n\n![shot](image:s1)\n\n![remote](https://evil.example/x.png)', [{ id: 's1', name: 'shot.png', dataUri: pngUri }]));
    expect(res).toMatchObject({ ok: true, value: { cancelled: false, path: out, pages: 2 } });
    expect((res as { value: { warnings: string[] } }).value.warnings).toEqual([expect.stringContaining('images must be pasted or picked from a file')]);
    expect(saveRequests).toEqual([{ title: 'Save as PDF', defaultName: 'Filing a new civil case v3.pdf' }]);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');

    const [{ html, options }] = printed as [{ html: string; options: PdfOptions }];
    expect(html).toContain('<h1>Filing a new civil case</h1>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('evil.example/x.png"');
    expect(html).toContain(`src="${pngUri}"`);
    // The shipped fonts are embedded, so the PDF looks the same on every machine, offline.
    expect(html).toContain("font-family:'Inter'");
    expect(options).toMatchObject({ pageSize: 'Letter', displayHeaderFooter: true });
    expect(options.footerTemplate).toContain('Odyssey · Version 3');
    expect(options.footerTemplate).toContain('class="pageNumber"');
  });

  it('does nothing when the save dialog is cancelled', async () => {
    const res = await call('training.printPdf', handout('Text'));
    expect(res).toEqual({ ok: true, value: { cancelled: true } });
    expect(printed).toEqual([]);
    expect(readdirSync(dir)).not.toContain('handout.pdf');
  });

  it('never accepts HTML from the renderer, and refuses an image that is not an image before any dialog', async () => {
    const raw = await call('training.printPdf', { document: { kind: 'handout', html: '<script>x</script>' }, paper: 'Letter' });
    expect(raw).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const extra = await call('training.printPdf', { ...handout('x'), html: '<b>x</b>' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const fake = `data:image/png;base64,${Buffer.from('GIF89a not really').toString('base64')}`;
    const notImage = await call('training.printPdf', handout('![a](image:a)', [{ id: 'a', name: 'a.png', dataUri: fake }]));
    expect(notImage).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('a.png') } });
    expect(saveRequests).toEqual([]);
    expect(printed).toEqual([]);
  });

  it('prints a sign-in sheet with the roster escaped; the page count falls back to the computed pagination', async () => {
    pdfPages = 0; // a PDF whose pages cannot be read: the handler answers what the paginator planned
    const out = path.join(dir, 'sheet.pdf');
    saveAnswers.push(out);
    const attendees = Array.from({ length: 30 }, (_, i) => ({ name: `Person ${String(i + 1).padStart(2, '0')}`, agency: 'Fresno Superior Court' }));
    attendees[3] = { name: '<img src=x onerror=alert(1)>', agency: 'A & B' };
    const res = await call('training.printPdf', {
      document: { kind: 'signInSheet', courseTitle: 'Odyssey Case Initiation', system: 'Odyssey', session, trainerNames: ['Pat Trainer'], attendees },
      paper: 'A4',
    });
    const expected = signInSheetPages({ attendees, setup: pageSetup('A4') }).length;
    expect(expected).toBeGreaterThan(1);
    expect(res).toMatchObject({ ok: true, value: { cancelled: false, pages: expected } });
    expect(saveRequests[0]!.defaultName).toBe('Odyssey Case Initiation sign-in 2026-03-10.pdf');
    const { html, options } = printed[0]!;
    expect(options.pageSize).toBe('A4');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).not.toContain('<img');
    expect(html).toContain('Pat Trainer');
    expect(html).toContain('Hall of Justice, Room 204');
  });

  it('prints certificates landscape, one per page, without page numbers', async () => {
    pdfPages = 2;
    saveAnswers.push(path.join(dir, 'certs.pdf'));
    const res = await call('training.printPdf', {
      document: {
        kind: 'certificate',
        courseTitle: 'Odyssey Case Initiation',
        trainerNames: ['Pat Trainer'],
        recipients: [
          { name: 'Ana Ruiz', completedOn: 'March 10, 2026', certificateNumber: 'FD-20260310-ABC123' },
          { name: 'Ben Okafor', completedOn: 'March 10, 2026' },
        ],
      },
      paper: 'Letter',
    });
    expect(res).toMatchObject({ ok: true, value: { pages: 2 } });
    expect(printed[0]!.options).toMatchObject({ landscape: true, displayHeaderFooter: false });
    expect(printed[0]!.html.match(/class="page cert"/g)).toHaveLength(2);
    const none = await call('training.printPdf', { document: { kind: 'certificate', courseTitle: 'X', recipients: [] }, paper: 'Letter' });
    expect(none).toMatchObject({ ok: false, error: { message: expect.stringContaining('No one has completed') } });
  });

  it('sends an attendance summary to the system print dialog with counts computed in main', async () => {
    const res = await call('training.print', {
      document: {
        kind: 'attendanceSummary',
        courseTitle: 'Odyssey Case Initiation',
        session,
        rows: [
          { name: 'Ana Ruiz', mark: 'present', takenBy: 'Jordan Avila', at: '2026-03-10T17:02:00.000Z' },
          { name: 'Ben Okafor', mark: 'late' },
          { name: 'Cy Tran', mark: null, walkIn: true },
        ],
      },
      paper: 'Letter',
    });
    expect(res).toEqual({ ok: true, value: { printed: true, warnings: [] } });
    expect(dialogPrinted).toHaveLength(1);
    // Registered 3, present 1, late 1, excused 0, absent 0, not marked 1.
    expect(dialogPrinted[0]).toContain('<tr><td>3</td><td>1</td><td>1</td><td>0</td><td>0</td><td>1</td></tr>');
    expect(dialogPrinted[0]).toContain('(walk-in)');
  });

  it('exports sessions to an .ics file that an independent parser reads back, in the session zone', async () => {
    const out = path.join(dir, 'sessions.ics');
    saveAnswers.push(out);
    const res = await call('training.exportIcs', {
      sessions: [
        { id: 's-1', title: 'Odyssey Case Initiation', ...session, status: 'scheduled', notes: 'Bring your badge; parking, level 2', details: ['Trainer: Pat Trainer'] },
        { id: 's-2', title: 'Odyssey Case Initiation', ...session, startLocal: '2026-03-11T09:00', status: 'cancelled' },
      ],
    });
    expect(res).toEqual({ ok: true, value: { cancelled: false, path: out, events: 2 } });
    expect(saveRequests[0]!.defaultName).toBe('Training sessions.ics');
    const cal = new ICAL.Component(ICAL.parse(readFileSync(out, 'utf8')));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual(['s-1@training.fielddesk.invalid', 's-2@training.fielddesk.invalid']);
    expect(events[0]!.startDate.toString()).toBe('2026-03-10T09:00:00');
    expect(cal.getFirstSubcomponent('vevent')!.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('America/Los_Angeles');
    expect(cal.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('America/Los_Angeles');
    // 9:00 in Los Angeles in March (PDT) is 16:00 UTC.
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-03-10T16:00:00.000Z');
    expect(events[0]!.description).toContain('Bring your badge; parking, level 2');
    expect(cal.getAllSubcomponents('vevent')[1]!.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('refuses an invalid date or zone in an export with the session named, before any dialog', async () => {
    const bad = await call('training.exportIcs', { sessions: [{ id: 's-1', title: 'Odyssey basics', ...session, timeZone: 'Mars/Olympus_Mons', status: 'scheduled' }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/^"Odyssey basics": "Mars\/Olympus_Mons" is not a time zone/) } });
    const badDate = await call('training.exportIcs', { sessions: [{ id: 's-1', title: 'Odyssey basics', ...session, startLocal: '2026-02-30T09:00', status: 'scheduled' }] });
    expect(badDate).toMatchObject({ ok: false, error: { message: expect.stringContaining('not a date') } });
    expect(saveRequests).toEqual([]);
  });

  it('picks an image as a checked data URI; refuses a non-image and a too-large one with clear messages', async () => {
    const good = path.join(dir, 'screen.png');
    writeFileSync(good, png);
    const text = path.join(dir, 'notes.png');
    writeFileSync(text, 'just some text, named like a picture');
    const huge = path.join(dir, 'huge.jpg');
    writeFileSync(huge, Buffer.alloc(3 * 1024 * 1024, 0xff));
    pickAnswers.push([good], [text], [huge]);

    expect(await call('training.pickImage', {})).toEqual({ ok: true, value: { cancelled: false, name: 'screen.png', bytes: png.length, dataUri: pngUri } });
    expect(await call('training.pickImage', {})).toMatchObject({ ok: false, error: { code: 'invalid_request', message: '"notes.png" is not a PNG, JPEG, GIF or WebP image.' } });
    expect(await call('training.pickImage', {})).toMatchObject({ ok: false, error: { code: 'too_large', message: expect.stringMatching(/"huge.jpg" is 3.0 MB; the limit is 2.0 MB/) } });
    expect(await call('training.pickImage', {})).toEqual({ ok: true, value: { cancelled: true } });
  });

  it('reports a folder that cannot be written, leaving no partial file', async () => {
    saveAnswers.push(path.join(dir, 'missing-folder', 'x.pdf'));
    const res = await call('training.printPdf', handout('Text'));
    expect(res).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'The folder for "x.pdf" does not exist.' } });
    expect(existsSync(path.join(dir, 'missing-folder'))).toBe(false);
  });
});
