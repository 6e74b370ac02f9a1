import { describe, expect, it } from 'vitest';
import { statusReportBands, statusReportHtml } from '../../../../shared/inform/print/status-report';
import { assembleStatusReport, type ReportTicket } from '../../../../shared/inform/report';
import { reportDocument, reportSheets, sheetDate, StatusReportDocSchema, trendChartSvg, trendSummary, wallClock } from '../../../../shared/inform/report-output';
import { pageSetup } from '../../../../shared/print/pageSetup';

const tz = 'America/Los_Angeles';
const ticket = (over: Partial<ReportTicket>): ReportTicket => ({
  id: 't', number: 'KX7Q-00001', title: 'T', status: 'open', pendingReason: null, priority: 'P3', createdAt: '2026-10-05T17:00:00.000Z', resolvedAt: null, closedAt: null, resolution: null,
  resolutionDue: null, siteId: 'site-a', teamId: 'team-1', requesterId: 'req-1', assigneeId: null, mergedInto: null, deleted: 0, ...over,
});
const report = assembleStatusReport({
  scope: 'agency',
  scopeId: 'agency-1',
  period: { from: '2026-10-01', to: '2026-10-31' },
  timeZone: tz,
  now: '2026-11-02T17:00:00.000Z',
  tickets: [
    ticket({ id: 'o1', number: 'KX7Q-00001', title: 'Docket printer <offline>' }),
    ticket({ id: 'o2', number: 'KX7Q-00002', priority: 'P1', title: '=HYPERLINK("x")', createdAt: '2026-10-20T17:00:00.000Z', resolutionDue: '2026-10-21T17:00:00.000Z' }),
    ticket({ id: 'w', number: 'KX7Q-00003', status: 'pending', pendingReason: 'waiting_on_requester', createdAt: '2026-09-01T17:00:00.000Z' }),
    ticket({ id: 'r', number: 'KX7Q-00004', status: 'resolved', resolvedAt: '2026-10-13T18:00:00.000Z', resolution: { code: 'fixed', text: 'Replaced the toner', rootCause: '' }, createdAt: '2026-10-12T17:00:00.000Z' }),
  ],
  siteAgency: new Map([['site-a', 'agency-1']]),
  lastContact: new Map([['o1', '2026-10-30T17:00:00.000Z']]),
  sla: (t) => (t.id === 'o2' ? 'breached' : 'on track'),
  training: [{ sessionId: 's1', title: 'E-filing basics', startLocal: '2026-10-14T09:00', status: 'completed', agencyIds: ['agency-1'], attendees: 7 }],
  names: { people: new Map([['req-1', 'Ana Ruiz']]) },
});
const ALL = ['open', 'resolved', 'counts', 'training', 'waiting'] as const;
const doc = reportDocument(report, { subject: 'Eastside District', agency: 'Eastside District', timeZone: tz, sections: ALL });

describe('the status report document', () => {
  it('names the subject, keeps wall-clock times in the desk zone and passes its own schema', () => {
    expect(wallClock('2026-11-01T06:30:00.000Z', tz)).toBe('2026-10-31T23:30');
    expect(doc.title).toBe('Eastside District — status report');
    expect(doc.open.map((o) => o.number)).toEqual(['KX7Q-00002', 'KX7Q-00003', 'KX7Q-00001']);
    expect(doc.open[2]).toMatchObject({ opened: '2026-10-05T10:00', lastUpdate: '2026-10-30T10:00', requester: 'Ana Ruiz', ageDays: 28 });
    expect(doc.resolved[0]).toMatchObject({ resolved: '2026-10-13T11:00', resolution: 'Replaced the toner', resolutionCode: 'Fixed' });
    expect(doc.sections).toEqual(['counts', 'open', 'waiting', 'resolved', 'training']);
    expect(doc.generatedAt).toBe('2026-11-02T09:00');
    expect(StatusReportDocSchema.safeParse(doc).success).toBe(true);
    // No ids leave the screen.
    expect(JSON.stringify(doc)).not.toMatch(/"id"|agency-1|req-1|site-a/);
  });

  it('leaves out the sections not asked for (their rows too) but keeps the counts', () => {
    const only = reportDocument(report, { subject: 'Eastside District', agency: '', timeZone: tz, sections: ['waiting', 'open'] });
    expect(only.sections).toEqual(['open', 'waiting']);
    expect([only.resolved, only.trend, only.training]).toEqual([[], [], []]);
    expect(only.waiting.map((w) => w.number)).toEqual(['KX7Q-00003']);
    expect(only.counts.open).toBe(3);
  });

  it('refuses a document that is not one (bad times, unknown fields) at the boundary', () => {
    expect(StatusReportDocSchema.safeParse({ ...doc, generatedAt: 'yesterday' }).success).toBe(false);
    expect(StatusReportDocSchema.safeParse({ ...doc, html: '<script>' }).success).toBe(false);
    expect(StatusReportDocSchema.safeParse({ ...doc, sections: [] }).success).toBe(false);
    expect(StatusReportDocSchema.safeParse({ ...doc, open: [{ ...doc.open[0]!, ageDays: -1 }] }).success).toBe(false);
  });
});

describe('the status report sheets', () => {
  const sheets = reportSheets(doc);
  const byName = new Map(sheets.map((s) => [s.name, s]));
  it('has a sheet per section (counts with the trend), after one saying what the report is', () => {
    expect(sheets.map((s) => s.name)).toEqual(['Report', 'Counts', 'Trend', 'Open requests', 'Waiting on the customer', 'Resolved in the period', 'Training held']);
    for (const s of sheets) for (const r of s.rows) expect(r).toHaveLength(s.columns.length);
  });
  it('types its cells: dates as dates of the same wall-clock digits, counts as numbers, empty as null', () => {
    expect(sheetDate('2026-10-05T10:00').toISOString()).toBe('2026-10-05T10:00:00.000Z');
    expect(sheetDate('2026-10-05').toISOString()).toBe('2026-10-05T00:00:00.000Z');
    const open = byName.get('Open requests')!;
    const col = (k: string) => open.columns.findIndex((c) => c.key === k);
    const row = open.rows[2]!;
    expect(row[col('number')]).toBe('KX7Q-00001');
    expect(row[col('opened')]).toEqual(new Date('2026-10-05T10:00:00.000Z'));
    expect(row[col('ageDays')]).toBe(28);
    expect(row[col('lastUpdate')]).toEqual(new Date('2026-10-30T10:00:00.000Z'));
    expect(open.rows[0]![col('lastUpdate')]).toBeNull();
    expect(byName.get('Counts')!.rows).toEqual([
      ['Open now', 3],
      ['Opened in the period', 3],
      ['Resolved in the period', 1],
      ['Breached in the period', 1],
      ['Waiting on the customer', 1],
    ]);
    const trend = byName.get('Trend')!;
    expect(trend.rows[0]![0]).toEqual(new Date('2026-10-01T00:00:00.000Z'));
    expect(trend.rows.reduce((n, r) => n + (r[1] as number), 0)).toBe(3);
    expect(byName.get('Training held')!.rows).toEqual([[new Date('2026-10-14T00:00:00.000Z'), 'E-filing basics', 'completed', 7]]);
    expect(byName.get('Report')!.rows[2]).toEqual(['From', new Date('2026-10-01T00:00:00.000Z')]);
  });
});

describe('the trend chart and the printout', () => {
  it('draws the trend as SVG with a title and a description that says it in words', () => {
    const svg = trendChartSvg(doc.trend, { id: 'x' });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="x-t x-d"/);
    expect(svg).toContain('<title id="x-t">Opened, resolved and breached by week</title>');
    expect(svg).toContain(`<desc id="x-d">${trendSummary(doc.trend)}</desc>`);
    expect(trendSummary(doc.trend)).toBe('5 weeks from 2026-10-01: 3 opened, 1 resolved, 1 breached; most opened in the week of 2026-10-05 (1).');
    expect((svg.match(/<rect [^>]*><title>/g) ?? []).length).toBe(doc.trend.length * 3);
    expect(trendSummary([])).toBe('No activity to chart.');
    expect(trendChartSvg([])).toContain('No activity to chart.');
  });

  it('prints every section asked for, escaped, with the agency in the header band and page numbers', () => {
    const html = statusReportHtml(doc, pageSetup('A4'), []);
    expect(html).toContain('<h1>Eastside District — status report</h1>');
    expect(html).toContain('Docket printer &#60;offline&#62;');
    expect(html).not.toContain('<offline>');
    for (const h of ['Open requests', 'Resolved in the period', 'Counts and trends', 'Training held', 'Waiting on the customer']) expect(html).toContain(`<h2>${h}</h2>`);
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('<svg');
    expect(statusReportBands(doc)).toEqual({ header: 'Eastside District', footer: 'Eastside District — status report · 2026-10-01 to 2026-10-31' });
    expect(statusReportBands({ ...doc, agency: '' }).header).toBe('Eastside District');
    const none = statusReportHtml({ ...doc, sections: ['resolved', 'training'], resolved: [], training: [] }, pageSetup('Letter'), []);
    expect(none).toContain('Nothing was resolved in the period.');
    expect(none).toContain('No training was held in the period.');
    expect(none).not.toContain('<h2>Open requests</h2>');
  });
});
