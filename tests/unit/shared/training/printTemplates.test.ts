// @vitest-environment jsdom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attendanceSummaryHtml } from '../../../../shared/training/print/attendanceSummary';
import { certificateHtml } from '../../../../shared/training/print/certificate';
import { handoutHtml } from '../../../../shared/training/print/handout';
import { paginateRows, rowsPerPage } from '../../../../shared/print/paginate';
import { pageSetup } from '../../../../shared/print/pageSetup';
import { pdfOptions } from '../../../../shared/print/pdfOptions';
import { fontFaceCss, type PrintFont } from '../../../../shared/print/printHtml';
import { SIGN_IN_LAYOUT, signInSheetHtml, signInSheetPages } from '../../../../shared/training/print/signInSheet';

const EVIL = `<script>alert(1)</script><img src=x onerror=alert(2)>"'&`;
const fonts: PrintFont[] = [{ weight: 400, src: 'data:font/woff2;base64,d09GMgABAAAA' }];
const letter = pageSetup('Letter');
const session = { startLocal: '2026-03-10T09:00', timeZone: 'America/Los_Angeles', durationMinutes: 180, location: EVIL, onlineUrl: '' };
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

/** The hostile string must come out as text, never as markup. */
function expectEscaped(html: string): void {
  const doc = parse(html);
  expect(doc.querySelectorAll('script, body img[onerror], iframe, object, embed, link').length).toBe(0);
  expect(doc.body.textContent).toContain(EVIL);
}

const templates: [string, () => string][] = [
  ['handout', () => handoutHtml({ material: { kind: 'handout', title: EVIL, system: EVIL, version: 2, body: `# ${EVIL}`, images: [] }, dateText: EVIL, organization: EVIL, setup: letter, fonts }).html],
  ['sign-in sheet', () => signInSheetHtml({ courseTitle: EVIL, system: EVIL, session, trainerNames: [EVIL], attendees: [{ name: EVIL, agency: EVIL }], setup: letter, fonts })],
  [
    'attendance summary',
    () =>
      attendanceSummaryHtml({
        courseTitle: EVIL,
        system: EVIL,
        session,
        trainerNames: [EVIL],
        counts: { present: 1, late: 0, excused: 0, absent: 0, unmarked: 0, expected: 1, attended: 1 },
        rows: [{ name: EVIL, agency: EVIL, mark: 'present', takenBy: EVIL, at: '2026-03-10T16:00:00.000Z' }],
        setup: letter,
        fonts,
      }),
  ],
  ['certificate', () => certificateHtml({ courseTitle: EVIL, system: EVIL, trainerNames: [EVIL], organization: EVIL, recipients: [{ name: EVIL, completedOn: EVIL, certificateNumber: EVIL }], setup: letter, fonts })],
];

describe('print templates', () => {
  it.each(templates)('%s: escapes every interpolated value', (_name, render) => {
    expectEscaped(render());
  });

  it.each(templates)('%s: is a complete, locked-down document with fonts and paper set', (_name, render) => {
    const html = render();
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain(`content="default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"`);
    expect(html).toContain("@font-face{font-family:'Inter';font-style:normal;font-weight:400;font-display:block;src:url('data:font/woff2;base64,d09GMgABAAAA') format('woff2');}");
    expect(html).toContain('@page { size: Letter; margin: 0.75in 0.6in 0.75in 0.6in; }');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('sets A4 and landscape paper', () => {
    const html = certificateHtml({ courseTitle: 'C', trainerNames: [], recipients: [{ name: 'A', completedOn: 'today' }], setup: pageSetup('A4', true), fonts });
    expect(html).toContain('@page { size: A4 landscape;');
  });

  it('drops font sources that are remote or would break out of the CSS', () => {
    const css = fontFaceCss([
      { weight: 400, src: 'https://fonts.example.com/inter.woff2' },
      { weight: 600, src: "data:font/woff2;base64,AAAA');}body{background:url(https://evil.example/x)}/*" },
      { weight: 700, src: 'data:font/woff2;base64,AAAA', unicodeRange: 'U+0000-00FF;}body{color:red' },
      { weight: 400, src: 'file:///opt/FieldDesk/resources/fonts/inter-latin-400-normal.woff2', unicodeRange: 'U+0000-00FF, U+0131' },
    ]);
    expect(css.match(/@font-face/g)).toHaveLength(1);
    expect(css).toContain("url('file:///opt/FieldDesk/resources/fonts/inter-latin-400-normal.woff2')");
    expect(css).not.toContain('evil');
  });

  it('reports what the handout sanitizer dropped', () => {
    const { html, warnings } = handoutHtml({ material: { kind: 'workInstruction', title: 'T', system: 'S', version: 0, body: '![x](https://evil.example/x.png)', images: [] }, setup: letter, fonts });
    expect(warnings).toHaveLength(1);
    expect(parse(html).querySelectorAll('main img').length).toBe(0);
    expect(parse(html).querySelector('.doc-head .meta')?.textContent).toBe('S · Draft');
    expect(parse(html).querySelector('.doc-head .kind')?.textContent).toBe('Work instruction');
  });

  it('repeats the sheet header on every sign-in page and numbers rows across pages', () => {
    const attendees = Array.from({ length: 40 }, (_, i) => ({ name: `Person ${String(i).padStart(2, '0')}`, agency: 'Court' }));
    const doc = parse(signInSheetHtml({ courseTitle: 'Odyssey', session: { ...session, location: 'Room 1' }, trainerNames: ['Pat'], attendees, blankRows: 3, setup: letter, fonts }));
    const pages = [...doc.querySelectorAll('section.sheet')];
    expect(pages).toHaveLength(3); // 40 + 3 blanks at 18 a page
    pages.forEach((p, i) => {
      expect(p.querySelector('.sheet-no')?.textContent).toBe(`Sheet ${i + 1} of 3`);
      expect(p.querySelector('dl')?.textContent).toMatch(/Tuesday, March 10, 2026.*9:00\sAM\s–\s12:00\sPM PDT.*Room 1.*Pat/s);
      expect(p.querySelectorAll('tbody tr')).toHaveLength(18);
    });
    expect(pages[2]!.querySelector('tbody tr td.num')?.textContent).toBe('37');
    expect(pages[2]!.querySelectorAll('tbody tr.blank')).toHaveLength(14);
  });

  it('fits more rows on taller paper, fewer in landscape', () => {
    expect(rowsPerPage(pageSetup('Letter'), SIGN_IN_LAYOUT)).toBe(18);
    expect(rowsPerPage(pageSetup('A4'), SIGN_IN_LAYOUT)).toBe(19);
    expect(rowsPerPage(pageSetup('Letter', true), SIGN_IN_LAYOUT)).toBe(12);
  });

  it('sorts the sign-in roster by name, ignoring case and accents', () => {
    const pages = signInSheetPages({ attendees: [{ name: 'zoe Adams' }, { name: 'Émile Zola' }, { name: 'Aaron B' }], blankRows: 0, setup: letter });
    expect(pages[0]!.rows.slice(0, 3).map((r) => r?.name)).toEqual(['Aaron B', 'Émile Zola', 'zoe Adams']);
  });

  it('paginates any roster: every row once, in order, blanks after, pages full', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 120 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 12 }), (rows, perPage, blanks) => {
        const pages = paginateRows(rows, perPage, blanks);
        const flat = pages.flatMap((p) => p.rows);
        expect(flat.filter((r) => r !== null)).toEqual(rows);
        expect(flat.slice(0, rows.length)).toEqual(rows);
        // At least the blanks asked for (one row even for an empty roster), plus no more than fills the last page.
        const minBlanks = Math.max(blanks, rows.length === 0 ? 1 : 0);
        expect(flat.length - rows.length).toBeGreaterThanOrEqual(minBlanks);
        expect(flat.length - rows.length - minBlanks).toBeLessThan(perPage);
        pages.forEach((p, i) => {
          expect(p.rows).toHaveLength(perPage);
          expect(p).toMatchObject({ number: i + 1, total: pages.length, firstRowNumber: i * perPage + 1 });
        });
      }),
    );
    expect(() => paginateRows([1], 0)).toThrow(RangeError);
  });
});

describe('pdfOptions', () => {
  it('matches the page setup and puts page numbers in the footer', () => {
    const o = pdfOptions(letter, { header: 'Filing <b>guide</b>', footer: 'Version 3' }, fonts);
    expect(o).toMatchObject({ pageSize: 'Letter', landscape: false, margins: { top: 0.75, right: 0.6, bottom: 0.75, left: 0.6 }, displayHeaderFooter: true, printBackground: true, preferCSSPageSize: false });
    expect(o.headerTemplate).toContain('Filing &#60;b&#62;guide&#60;/b&#62;');
    expect(o.footerTemplate).toContain('Page <span class="pageNumber"></span> of <span class="totalPages"></span>');
    expect(o.footerTemplate).toContain('Version 3');
    expect(o.footerTemplate).toContain('@font-face');
    expect(o.footerTemplate).toMatch(/font-size:8pt/);
  });

  it('leaves page numbers off when asked, and never falls back to Chromium’s default header', () => {
    const o = pdfOptions(pageSetup('A4', true), { pageNumbers: false });
    expect(o).toMatchObject({ pageSize: 'A4', landscape: true, displayHeaderFooter: false });
    expect(o.footerTemplate).not.toContain('pageNumber');
    expect(o.headerTemplate).not.toBe('');
  });
});
