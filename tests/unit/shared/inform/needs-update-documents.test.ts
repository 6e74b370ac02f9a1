import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysPastReview, joinList, localDate, reviewText, splitList } from '../../../../shared/inform/document-edit';
import { fallbackUpdateCalendar, formatLocalDate, needsUpdateCountText, overdueText, parseCadenceForm, silenceText } from '../../../../shared/inform/needs-update-view';
import { documentBands, documentHtml, type DocumentPrintData } from '../../../../shared/inform/print/document';
import { businessDaysSince, needsUpdate, workingDayAfter } from '../../../../shared/inform/updates';
import { DocumentPrintSchema } from '../../../../shared/inform/documents-channels';
import { isoDateOfDay, localDayOf, WEEKDAYS, weekdayOfDay, type CalendarSpec } from '../../../../shared/tickets/calendar';
import { pageSetup } from '../../../../shared/print/pageSetup';

const hours = [{ start: '08:00', end: '17:00' }];
const CAL: CalendarSpec = { timeZone: 'America/Los_Angeles', week: { sun: [], mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [] }, holidays: ['2026-11-26', '2026-11-27', '2026-11-27'] };

/** The clock as it was written first: one day at a time (the reference the whole-week count must equal). */
function dayByDay(fromIso: string, nowIso: string, cal: CalendarSpec): number {
  const from = localDayOf(cal.timeZone, Date.parse(fromIso));
  const to = localDayOf(cal.timeZone, Date.parse(nowIso));
  let n = 0;
  for (let d = from + 1; d <= to; d++) if (cal.week[WEEKDAYS[weekdayOfDay(d)]!].length > 0 && !cal.holidays.includes(isoDateOfDay(d))) n++;
  return n;
}

describe('the needs-an-update clock, counted by whole weeks', () => {
  it('equals counting day by day, for any span, week and holidays', () => {
    const base = Date.parse('2026-01-01T12:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: -3, max: 400 }),
        fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
        fc.array(fc.integer({ min: 0, max: 1100 }), { maxLength: 30 }),
        (start, span, days, hol) => {
          const week = Object.fromEntries(WEEKDAYS.map((wd, i) => [wd, days[i] ? hours : []])) as CalendarSpec['week'];
          const cal: CalendarSpec = { timeZone: 'America/New_York', week, holidays: hol.map((h) => isoDateOfDay(Math.floor(base / 86_400_000) + h)) };
          const from = new Date(base + start * 86_400_000).toISOString();
          const now = new Date(base + (start + span) * 86_400_000 + 3_600_000).toISOString();
          expect(businessDaysSince(from, now, cal)).toBe(Math.max(0, dayByDay(from, now, cal)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('skips weekends and holidays (listed twice or not) and finds the due date', () => {
    // Wednesday Nov 25 → Monday Nov 30: Thanksgiving and the Friday after are off.
    expect(businessDaysSince('2026-11-25T17:00:00Z', '2026-11-30T18:00:00Z', CAL)).toBe(1);
    expect(workingDayAfter('2026-11-25T17:00:00Z', 2, CAL)).toBe('2026-12-01');
    expect(businessDaysSince('2026-11-30T18:00:00Z', '2026-11-25T17:00:00Z', CAL)).toBe(0);
  });

  it('counts a desk without a calendar Monday to Friday', () => {
    const cal = fallbackUpdateCalendar('America/Chicago');
    // Friday to the next Friday: five working days.
    expect(businessDaysSince('2026-11-06T16:00:00Z', '2026-11-13T16:00:00Z', cal)).toBe(5);
    const rows = needsUpdate({
      tickets: [{ id: 't1', status: 'open', priority: 'P3', createdAt: '2026-11-06T16:00:00Z', pendingReason: null }],
      lastContact: new Map(),
      cadence: { P1: 1, P2: 2, P3: 5, P4: 10 },
      calendar: cal,
      now: '2026-11-13T16:00:00Z',
    });
    expect(rows.map((r) => [r.businessDaysSilent, r.dueDate])).toEqual([[5, '2026-11-13']]);
  });
});

describe('the needs-an-update view in words', () => {
  it('says how long the requester has heard nothing, and how far past the cadence', () => {
    expect(silenceText({ businessDaysSilent: 1, lastContact: null })).toBe('1 business day, no update sent yet');
    expect(silenceText({ businessDaysSilent: 4, lastContact: '2026-11-02T17:00:00Z' })).toBe('4 business days since the last update');
    expect(overdueText({ businessDaysSilent: 5, limit: 5, dueDate: '2026-11-09' })).toBe('due Nov 9, 2026');
    expect(overdueText({ businessDaysSilent: 8, limit: 5, dueDate: '2026-11-09' })).toBe('3 business days over (due Nov 9, 2026)');
    expect(overdueText({ businessDaysSilent: 6, limit: 5, dueDate: '2026-11-09' })).toBe('1 business day over (due Nov 9, 2026)');
    expect(formatLocalDate('not a date')).toBe('not a date');
    expect(needsUpdateCountText(0)).toBe('No ticket needs an update');
    expect(needsUpdateCountText(1)).toBe('1 ticket needs an update');
    expect(needsUpdateCountText(12)).toBe('12 tickets need an update');
  });

  it('reads the cadence form: whole business days 1–60 per priority, messages by field, nothing half-saved', () => {
    expect(parseCadenceForm({ P1: '1', P2: ' 2 ', P3: '3', P4: '10' })).toEqual({ ok: true, value: { P1: 1, P2: 2, P3: 3, P4: 10 } });
    const bad = parseCadenceForm({ P1: '0', P2: '', P3: '2.5', P4: 'ten' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.fields).toEqual({ P1: 'At least 1 business day', P2: 'Enter a number of business days', P3: 'Whole business days', P4: 'Days must be a number' });
    expect(parseCadenceForm({ P1: '1', P2: '2', P3: '3', P4: '61' })).toEqual({ ok: false, fields: { P4: 'At most 60 business days' } });
  });
});

describe('document details', () => {
  it('reads systems and tags typed with commas: trimmed, once each ignoring case, blanks dropped', () => {
    expect(splitList(' Jury portal, CMS ,, jury  portal;E-filing\n')).toEqual(['Jury portal', 'CMS', 'E-filing']);
    expect(splitList('   ')).toEqual([]);
    expect(joinList(['a', 'b'])).toBe('a, b');
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[a-z]{1,8}( [a-z]{1,8})?$/), { maxLength: 10 }), (items) => {
      expect(splitList(joinList(splitList(joinList(items))))).toEqual(splitList(joinList(items)));
    }));
  });

  it('says how long ago a review was due', () => {
    expect(daysPastReview('2026-10-22', '2026-11-03')).toBe(12);
    expect(reviewText('2026-10-22', '2026-11-03')).toBe('Review was due 12 days ago (2026-10-22)');
    expect(reviewText('2026-11-02', '2026-11-03')).toBe('Review was due 1 day ago (2026-11-02)');
    expect(reviewText('2026-11-03', '2026-11-03')).toBe('Review due today (2026-11-03)');
    expect(reviewText('2027-01-01', '2026-11-03')).toBe('Review by 2027-01-01');
    expect(reviewText(null, '2026-11-03')).toBe('No review-by date');
    // 23:30 in Los Angeles on Nov 2 is Nov 3 in UTC: today is where the person is.
    expect(localDate(Date.parse('2026-11-03T07:30:00Z'), 'America/Los_Angeles')).toBe('2026-11-02');
  });
});

describe('a document printed', () => {
  const data: DocumentPrintData = {
    kind: 'knownError',
    title: 'Docket printer <b>jams</b>',
    system: 'Case management',
    version: 3,
    state: 'published',
    owner: 'José Núñez',
    audience: 'public',
    systems: ['case management', 'E-filing'],
    tags: ['printer', 'docket'],
    reviewBy: '2026-07-01',
    body: '# Workaround\n\n<script>alert(1)</script>\n\n1. Open the tray.',
    images: [],
    printedText: 'Printed Nov 3, 2026',
  };

  it('shows its details by name, escapes what it is given and sanitizes the text', () => {
    const { html } = documentHtml(data, pageSetup('A4'), []);
    expect(html).toContain('<h1>Docket printer &#60;b&#62;jams&#60;/b&#62;</h1>');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('<dt>Owner</dt><dd>José Núñez</dd>');
    expect(html).toContain('<dt>Audience</dt><dd>Agency users</dd>');
    // The main system once, then the others.
    expect(html).toContain('<dt>Systems</dt><dd>Case management, E-filing</dd>');
    expect(html).toContain('<dt>Review by</dt><dd>2026-07-01</dd>');
    expect(html).toContain('size: A4');
    expect(html).toContain('Known error');
    expect(documentBands(data)).toEqual({ header: 'Docket printer <b>jams</b>', footer: 'Version 3 · Published · Printed Nov 3, 2026' });
    const empty = documentHtml({ ...data, body: '  ', owner: '', reviewBy: null, tags: [], version: 0, state: 'draft' }, pageSetup('Letter'), []).html;
    expect(empty).toContain('This document has no text yet.');
    expect(empty).toContain('Nobody named');
    expect(empty).toContain('No date set');
    expect(empty).not.toContain('<dt>Tags</dt>');
  });

  it('the IPC request is validated: data, not ids or HTML fields; a bad date or an unknown field is refused', () => {
    expect(DocumentPrintSchema.safeParse(data).success).toBe(true);
    expect(DocumentPrintSchema.safeParse({ ...data, reviewBy: '07/01/2026' }).success).toBe(false);
    expect(DocumentPrintSchema.safeParse({ ...data, ownerId: 'p1' }).success).toBe(false);
    expect(DocumentPrintSchema.safeParse({ ...data, title: ' ' }).success).toBe(false);
    expect(DocumentPrintSchema.safeParse({ ...data, kind: 'poster' }).success).toBe(false);
  });
});
