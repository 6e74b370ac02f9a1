import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printDocument } from '../../../../../electron/services/print/printDocument';
import { loadPrintFonts } from '../../../../../electron/services/print/printFonts';
import { pageSetup } from '../../../../../shared/print/pageSetup';
import { pdfOptions } from '../../../../../shared/print/pdfOptions';
import type { PrintFont } from '../../../../../shared/print/printHtml';
import { signInSheetHtml, signInSheetPages } from '../../../../../shared/training/print/signInSheet';
import { hasChromium, launchChromium, playwrightPrinter } from './chromiumPdf';
import { pdfPageCount } from './pdfTools';

/**
 * Long agency names on the sign-in sheet are printed whole, wrapped onto a
 * second line, not cut ("Superior Court of Contra Cost…"); so are a long
 * location and course title in the sheet's header. Printed by Chromium,
 * read back with pdftotext (raw order, so a wrapped name reads as one run
 * of words), and rendered to PNG to look at (test-results/print/).
 */
if (!hasChromium) console.warn('Skipping the sign-in sheet long-name check: /usr/bin/chromium is not installed (apt-get install chromium).');

const OUT = resolve('test-results/print');
const AGENCIES = [
  'Superior Court of California, County of Contra Costa',
  'Contra Costa County Office of Education, Educational Services Division',
  'Judicial Council of California, Information Technology Office',
];
const LOCATION = 'Superior Court of California, County of Contra Costa — A. F. Bray Courthouse, 1020 Ward Street, Martinez, Training Room 3B';
const COURSE = 'Odyssey Case Initiation for Civil, Family Law and Probate Clerks: Filing, Fees and Notices';

describe.skipIf(!hasChromium)('sign-in sheet with long names, in Chromium', () => {
  let browser: Browser;
  let fonts: PrintFont[];
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const loaded = await loadPrintFonts(resolve('resources/fonts'));
    if (!loaded.ok) throw new Error(loaded.error.message);
    fonts = loaded.value;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const paper of ['Letter', 'A4'] as const) {
    it(`prints long agency names, the location and the course whole on ${paper}`, async () => {
      const setup = pageSetup(paper);
      const attendees = Array.from({ length: 30 }, (_, i) => ({ name: `Attendee ${String(i + 1).padStart(2, '0')}`, agency: AGENCIES[i % AGENCIES.length]! }));
      const html = signInSheetHtml({
        courseTitle: COURSE,
        system: 'Odyssey',
        session: { startLocal: '2026-03-10T09:00', timeZone: 'America/Los_Angeles', durationMinutes: 180, location: LOCATION, onlineUrl: '' },
        trainerNames: ['Jordan Avila', 'Marisol Vega'],
        attendees,
        blankRows: 2,
        setup,
        fonts,
      });
      const path = join(OUT, `sign-in-long-names-${paper}.pdf`);
      const result = await printDocument({ html, options: pdfOptions(setup, {}, fonts), printToPdf: playwrightPrinter(browser, []), outPath: path });
      if (!result.ok) throw new Error(result.error.message);
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', path, join(OUT, `sign-in-long-names-${paper}`)]);

      // The computed page breaks still hold: wrapping did not push rows onto extra pages.
      expect(pdfPageCount(path)).toBe(signInSheetPages({ attendees, blankRows: 2, setup }).length);
      const raw = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' });
      const words = raw.replace(/\s+/g, ' ');
      expect(raw).not.toContain('…');
      for (const agency of AGENCIES) expect(words).toContain(agency);
      expect(words).toContain(LOCATION);
      expect(words).toContain(`${COURSE} — Odyssey`);
      // Every attendee is there, each with their agency.
      for (const a of attendees) expect(words).toContain(a.name);
    });
  }
});
