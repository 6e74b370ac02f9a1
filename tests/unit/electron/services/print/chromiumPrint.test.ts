import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printDocument } from '../../../../../electron/services/print/printDocument';
import { loadPrintFonts } from '../../../../../electron/services/print/printFonts';
import { attendanceSummaryHtml } from '../../../../../shared/training/print/attendanceSummary';
import { certificateHtml } from '../../../../../shared/training/print/certificate';
import { handoutHtml } from '../../../../../shared/training/print/handout';
import { pageSetup, type PageSetup } from '../../../../../shared/print/pageSetup';
import { pdfOptions, type PdfOptions } from '../../../../../shared/print/pdfOptions';
import type { PrintFont } from '../../../../../shared/print/printHtml';
import { signInSheetHtml, signInSheetPages } from '../../../../../shared/training/print/signInSheet';
import { formatSessionWhen } from '../../../../../shared/training/format';
import { makeLongHandout, makeRoster, pngDataUri } from '../../../shared/training/fixtures';
import { hasChromium, launchChromium, playwrightPrinter } from './chromiumPdf';
import { pdfFonts, pdfPageCount, pdfPageSizePts, pdfPagesText, renderPng } from './pdfTools';

/**
 * The print templates through a real Chromium PDF engine, checked with
 * poppler: page counts, page breaks, repeated headers, and text. PDFs and PNG
 * renders of their first pages are kept in test-results/print/ to look at.
 */
if (!hasChromium) console.warn('Skipping Chromium print tests: /usr/bin/chromium is not installed (apt-get install chromium).');

const OUT = resolve('test-results/print');
const session = {
  startLocal: '2026-03-10T09:00',
  timeZone: 'America/Los_Angeles',
  durationMinutes: 180,
  location: 'Hall of Justice, Room 204, 813 6th Street, Sacramento',
  onlineUrl: '',
};

describe.skipIf(!hasChromium)('printing templates with Chromium', () => {
  let browser: Browser;
  let fonts: PrintFont[];
  const requests: string[] = [];

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const loaded = await loadPrintFonts(resolve('resources/fonts'));
    if (!loaded.ok) throw new Error(loaded.error.message);
    fonts = loaded.value;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function print(name: string, html: string, options: PdfOptions, pngPages = 0): Promise<{ path: string; pages: string[] }> {
    const path = join(OUT, `${name}.pdf`);
    const result = await printDocument({ html, options, printToPdf: playwrightPrinter(browser, requests), outPath: path });
    if (!result.ok) throw new Error(result.error.message);
    if (pngPages > 0) renderPng(path, join(OUT, name), 1, pngPages);
    return { path, pages: pdfPagesText(path) };
  }

  /** Every font in the PDF is the shipped Inter, so no system font (different on each machine) crept in. */
  const expectOnlyShippedFonts = (path: string) => {
    const names = pdfFonts(path).split('\n').slice(2).filter((l) => l.trim() !== '').map((l) => l.split(/\s+/)[0]!);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toMatch(/^[A-Z]{6}\+Inter-(Regular|SemiBold|Bold)$/);
  };

  const nonEmptyLines = (page: string) => page.split('\n').map((l) => l.trim()).filter((l) => l !== '');

  // 21 sections of steps, screenshots and tables come to about 20 Letter pages.
  const SECTIONS = 21;

  it('prints a 20-page work instruction with headings kept with their text, table headings repeated, and page numbers', async () => {
    const setup = pageSetup('Letter');
    const title = 'Filing a new civil case';
    const images = [0, 1, 2].map((i) => ({ id: `shot${i}`, dataUri: pngDataUri(480, 200 + i * 60) }));
    const { html, warnings } = handoutHtml({
      material: { kind: 'workInstruction', title, system: 'Odyssey', version: 3, body: makeLongHandout(SECTIONS), images },
      dateText: 'Revised March 10, 2026',
      setup,
      fonts,
    });
    expect(warnings).toEqual([]);
    const { path, pages } = await print('handout-20-pages', html, pdfOptions(setup, { header: title, footer: 'Odyssey · Version 3' }, fonts), 2);

    const count = pdfPageCount(path);
    expect(count).toBeGreaterThanOrEqual(18);
    expect(count).toBeLessThanOrEqual(22);
    expect(pages).toHaveLength(count);
    expect(pdfPageSizePts(path)).toEqual({ width: 612, height: 792 });

    pages.forEach((text, i) => {
      const lines = nonEmptyLines(text);
      expect(lines[0], `header on page ${i + 1}`).toBe(title);
      expect(lines.at(-1), `footer on page ${i + 1}`).toMatch(new RegExp(`^Odyssey · Version 3\\s+Page ${i + 1} of ${count}$`));
      // The last line of body text must not be a heading stranded from its section.
      expect(lines.at(-2), `page ${i + 1} ends with a heading`).not.toMatch(/^(Section \d+: Filing task \d+|Fee codes)$/);
    });

    // Every step, in order, exactly once.
    const all = pages.join('\n');
    const steps = [...all.matchAll(/Step (\d+)\.(\d+):/g)].map((m) => `${m[1]}.${m[2]}`);
    expect(steps).toEqual(Array.from({ length: SECTIONS }, (_, s) => Array.from({ length: 6 }, (_, k) => `${s + 1}.${k + 1}`)).flat());

    // The 70-row fee table spans pages; its column headings repeat on each.
    const feePages = pages.filter((p) => /FEE-\d{3}/.test(p));
    expect(feePages.length).toBeGreaterThan(1);
    for (const p of feePages) expect(p).toMatch(/Code\s+Description\s+Amount/);
    expect([...all.matchAll(/FEE-(\d{3})/g)].map((m) => Number(m[1]))).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));

    expectOnlyShippedFonts(path);
    expect(requests).toEqual([]);
  });

  it('prints a 200-person sign-in sheet with exactly the computed pages, the header on each, and blank rows for walk-ins', async () => {
    const setup = pageSetup('Letter');
    const roster = makeRoster(200);
    roster[17] = { name: '<script>x</script> Ortiz', agency: 'Probation & Parole' };
    const input = { courseTitle: 'Odyssey Case Initiation', system: 'Odyssey', session, trainerNames: ['Pat Trainer'], attendees: roster, blankRows: 6, setup, fonts };
    const expected = signInSheetPages(input);
    const { path, pages } = await print('sign-in-200', signInSheetHtml(input), pdfOptions(setup, { footer: 'Odyssey Case Initiation — sign-in sheet' }, fonts), 2);

    expect(pdfPageCount(path)).toBe(expected.length);
    expect(pages).toHaveLength(expected.length);
    const total = expected.length;
    pages.forEach((text, i) => {
      expect(text).toMatch(new RegExp(`Sign-in sheet\\s+Sheet ${i + 1} of ${total}`));
      expect(text).toContain('Odyssey Case Initiation — Odyssey');
      expect(text).toContain('Tuesday, March 10, 2026');
      expect(text).toContain('Hall of Justice, Room 204, 813 6th Street, Sacramento');
      expect(text).toContain('Pat Trainer');
      expect(text).toMatch(/#\s+Name\s+Agency \/ office\s+Signature/);
      expect(text).toMatch(new RegExp(`Page ${i + 1} of ${total}\\s*$`));
      // Exactly the people the pure pagination put on this page.
      const names = expected[i]!.rows.filter((r) => r !== null).map((r) => r!.name);
      for (const name of names) expect(text, `page ${i + 1}`).toContain(name);
      const rowNumbers = [...text.matchAll(/^[ \t]*(\d+)(?:[ \t]{2,}|[ \t]*$)/gm)].map((m) => Number(m[1]));
      expect(rowNumbers).toEqual(expected[i]!.rows.map((_, k) => expected[i]!.firstRowNumber + k));
    });
    const everyone = pages.join('\n');
    for (const person of roster) expect(everyone).toContain(person.name);
    expect(everyone).toContain('Probation & Parole');
    expect(everyone).toContain('County Office of Education');
    expect(everyone).not.toContain('…');
    const blanks = expected.flatMap((p) => p.rows).filter((r) => r === null).length;
    expect(blanks).toBeGreaterThanOrEqual(6);
    expectOnlyShippedFonts(path);
    expect(requests).toEqual([]);
  });

  it('prints the whole time of a session that runs past midnight (its range names both dates), on Letter and A4', async () => {
    const overnight = { ...session, startLocal: '2026-03-10T22:30', durationMinutes: 240 };
    const when = formatSessionWhen(overnight)!;
    // Both dates are in the range, so it is far longer than a same-day one.
    expect(when.time).toContain('3/11/2026');
    for (const size of ['Letter', 'A4'] as const) {
      const setup = pageSetup(size);
      const input = { courseTitle: 'Night court clerks: Odyssey', session: overnight, trainerNames: ['Pat Trainer'], attendees: makeRoster(8), setup, fonts };
      const { pages } = await print(`sign-in-overnight-${size}`, signInSheetHtml(input), pdfOptions(setup, {}, fonts), 1);
      const text = pages[0]!.replace(/\s+/g, ' ');
      expect(text).toContain(when.time.replace(/\s+/g, ' '));
      expect(text).not.toContain('…');
    }
  });

  it('paginates for A4 as computed, on A4 paper', async () => {
    const setup: PageSetup = pageSetup('A4');
    const input = { courseTitle: 'eFiling basics', session, trainerNames: ['Pat Trainer', 'Lee Helper'], attendees: makeRoster(45), setup, fonts };
    const { path } = await print('sign-in-a4', signInSheetHtml(input), pdfOptions(setup, {}, fonts));
    expect(pdfPageCount(path)).toBe(signInSheetPages(input).length);
    const size = pdfPageSizePts(path);
    // A4 is 595.3 × 841.9 pt; Chromium rounds to hundredths of an inch.
    expect(Math.abs(size.width - 595.3)).toBeLessThan(1.5);
    expect(Math.abs(size.height - 841.9)).toBeLessThan(1.5);
  });

  it('prints one landscape certificate per attendee', async () => {
    const setup = pageSetup('Letter', true, { top: 0.5, right: 0.5, bottom: 0.5, left: 0.5 });
    const recipients = [
      { name: 'Maria Garcia', completedOn: 'March 10, 2026', certificateNumber: 'FD-20260310-A1B2C3' },
      { name: 'Nguyễn Thị Minh Khai', completedOn: 'March 10, 2026', certificateNumber: 'FD-20260310-D4E5F6' },
      { name: 'A Very Long Name That Goes On And On Beyond What Fits Comfortably Across', completedOn: 'March 10, 2026' },
    ];
    const html = certificateHtml({ courseTitle: 'Odyssey Case Initiation', system: 'Odyssey', trainerNames: ['Pat Trainer'], organization: 'Superior Court of California, County of Sacramento', recipients, setup, fonts });
    const { path, pages } = await print('certificates', html, pdfOptions(setup, { pageNumbers: false }, fonts), 1);
    expect(pdfPageCount(path)).toBe(3);
    expect(pdfPageSizePts(path)).toEqual({ width: 792, height: 612 });
    pages.forEach((text, i) => {
      expect(text).toContain('Certificate of Completion');
      expect(text.replace(/\s+/g, ' ')).toContain(recipients[i]!.name);
    });
    expect(pages[0]).toContain('FD-20260310-A1B2C3');
  });

  it('prints an attendance summary with counts and marks', async () => {
    const setup = pageSetup('Letter');
    const html = attendanceSummaryHtml({
      courseTitle: 'Odyssey Case Initiation',
      session,
      trainerNames: ['Pat Trainer'],
      counts: { present: 2, late: 1, excused: 0, absent: 1, unmarked: 1, expected: 5, attended: 3 },
      rows: [
        { name: 'Maria Garcia', agency: 'Civil', mark: 'present', takenBy: 'Pat Trainer', at: '2026-03-10T16:58:00.000Z' },
        { name: 'James Smith', mark: 'late', takenBy: 'Pat Trainer', at: '2026-03-10T17:20:00.000Z' },
        { name: 'Linh Nguyễn', mark: 'absent' },
        { name: 'Robert Lee', mark: 'present', walkIn: true },
        { name: 'Aisha Okafor', mark: null },
      ],
      setup,
      fonts,
    });
    const { pages } = await print('attendance-summary', html, pdfOptions(setup, { header: 'Attendance summary' }, fonts));
    const text = pages.join('\n');
    expect(text).toMatch(/Registered\s+Present\s+Late\s+Excused\s+Absent\s+Not marked/);
    expect(text).toMatch(/5\s+2\s+1\s+0\s+1\s+1/);
    expect(text).toMatch(/Maria Garcia\s+Civil\s+Present\s+Pat Trainer\s+Mar 10, 9:58\sAM/);
    expect(text).toMatch(/Aisha Okafor\s+Not marked/);
  });
});
