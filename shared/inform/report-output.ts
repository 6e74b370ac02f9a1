import { z } from 'zod';
import { zoneOffsetMs } from '../tickets/calendar';
import { PRIORITIES } from '../tickets/enums';
import { RESOLUTION_LABELS } from '../tickets/history-format';
import { REPORT_SCOPES, REPORT_SECTIONS, type ReportScope, type ReportSection, type StatusReport, type TrendBucket } from './report';

/**
 * A status report as it leaves the screen for the printout, the workbook and
 * the mail draft: names instead of ids, times as wall-clock in the desk's
 * zone, only the sections asked for. The renderer builds it from the
 * assembled report (`reportDocument`), main checks it with the schema and
 * turns it into HTML (`./print/status-report.ts`) or sheets (`reportSheets`).
 */

const text = (max: number) => z.string().max(max, `Must be at most ${max} characters`);
const line = text(500);
/** A local date, YYYY-MM-DD. */
const day = z.iso.date();
/** A local wall-clock time, YYYY-MM-DDTHH:mm. */
const wall = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Not a local time');
const count = z.number().int().nonnegative().max(10_000_000);

const OpenRowSchema = z
  .object({
    number: line,
    title: line,
    status: line,
    priority: z.enum(PRIORITIES),
    opened: wall,
    ageDays: count,
    sla: line,
    lastUpdate: wall.nullable(),
    requester: line,
    assignee: line,
    site: line,
  })
  .strict();
export type OpenRowDoc = z.output<typeof OpenRowSchema>;

export const StatusReportDocSchema = z
  .object({
    /** "Eastside District — status report". */
    title: line.min(1),
    scope: z.enum(REPORT_SCOPES),
    /** The subject's name: the agency, site, requester or team. */
    subject: line.min(1),
    /** The agency the header names (the subject's agency, or the subject itself). */
    agency: line,
    period: z.object({ from: day, to: day }).strict(),
    timeZone: line,
    generatedAt: wall,
    sections: z.array(z.enum(REPORT_SECTIONS)).min(1).max(REPORT_SECTIONS.length),
    open: z.array(OpenRowSchema).max(50_000),
    resolved: z
      .array(z.object({ number: line, title: line, priority: z.enum(PRIORITIES), opened: wall, resolved: wall, resolution: text(5000), resolutionCode: line }).strict())
      .max(50_000),
    counts: z.object({ open: count, opened: count, resolved: count, breached: count, waiting: count }).strict(),
    trend: z.array(z.object({ start: day, opened: count, resolved: count, breached: count }).strict()).max(400),
    training: z.array(z.object({ title: line, date: day, status: line, attendees: count }).strict()).max(5000),
    waiting: z.array(OpenRowSchema).max(50_000),
  })
  .strict();
export type StatusReportDoc = z.output<typeof StatusReportDocSchema>;

/** The order sections are shown, printed and exported in: the summary first. */
export const SECTION_ORDER: readonly ReportSection[] = ['counts', 'open', 'waiting', 'resolved', 'training'];

export const SCOPE_LABELS: Record<ReportScope, string> = { agency: 'Agency', site: 'Site', requester: 'Requester', team: 'Team' };
export const SECTION_LABELS: Record<ReportSection, string> = {
  open: 'Open requests',
  resolved: 'Resolved in the period',
  counts: 'Counts and trends',
  training: 'Training held',
  waiting: 'Waiting on the customer',
};

/** An ISO instant as wall-clock time in a zone, YYYY-MM-DDTHH:mm. */
export function wallClock(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return new Date(ms + zoneOffsetMs(timeZone, ms)).toISOString().slice(0, 16);
}

export interface ReportNames {
  subject: string;
  agency: string;
  timeZone: string;
  sections: readonly ReportSection[];
}

/** The printable, exportable document of an assembled report. */
export function reportDocument(report: StatusReport, names: ReportNames): StatusReportDoc {
  const tz = names.timeZone;
  const openRow = (r: StatusReport['open'][number]): OpenRowDoc => ({
    number: r.number,
    title: r.title,
    status: r.status,
    priority: r.priority,
    opened: wallClock(r.opened, tz),
    ageDays: r.ageDays,
    sla: r.sla,
    lastUpdate: r.lastUpdate ? wallClock(r.lastUpdate, tz) : null,
    requester: r.requester,
    assignee: r.assignee,
    site: r.site,
  });
  const has = (s: ReportSection) => names.sections.includes(s);
  const { open, opened, resolved, breached, waiting } = report.counts;
  return {
    title: `${names.subject} — status report`,
    scope: report.scope,
    subject: names.subject,
    agency: names.agency,
    period: { ...report.period },
    timeZone: tz,
    generatedAt: wallClock(report.generatedAt, tz),
    sections: SECTION_ORDER.filter(has),
    open: has('open') ? report.open.map(openRow) : [],
    resolved: has('resolved')
      ? report.resolved.map((r) => ({ number: r.number, title: r.title, priority: r.priority, opened: wallClock(r.opened, tz), resolved: wallClock(r.resolved, tz), resolution: r.resolution, resolutionCode: r.resolutionCode ? (RESOLUTION_LABELS[r.resolutionCode] ?? r.resolutionCode) : '' }))
      : [],
    counts: { open, opened, resolved, breached, waiting },
    trend: has('counts') ? report.trend.map((b) => ({ ...b })) : [],
    training: has('training') ? report.training.map((s) => ({ title: s.title, date: s.date, status: s.status, attendees: s.attendees })) : [],
    waiting: has('waiting') ? report.waiting.map(openRow) : [],
  };
}

// --- The workbook -----------------------------------------------------------

export type CellType = 'text' | 'number' | 'date' | 'datetime';
export interface SheetColumn {
  key: string;
  header: string;
  type: CellType;
  width: number;
}
export type CellValue = string | number | Date | null;
export interface Sheet {
  name: string;
  columns: SheetColumn[];
  rows: CellValue[][];
}

/**
 * A spreadsheet date for a local date or wall-clock time: the same digits as
 * a UTC instant, so the cell shows the desk's time whatever the reader's zone.
 */
export function sheetDate(local: string): Date {
  const [d, t = '00:00'] = local.split('T') as [string, string?];
  const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
  const [h, mi] = t.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, dd, h, mi));
}

const col = (key: string, header: string, type: CellType, width = type === 'text' ? 24 : type === 'datetime' ? 18 : 12): SheetColumn => ({ key, header, type, width });

const OPEN_COLUMNS = [
  col('number', 'Ticket', 'text', 14),
  col('title', 'Title', 'text', 44),
  col('status', 'Status', 'text', 26),
  col('priority', 'Priority', 'text', 9),
  col('opened', 'Opened', 'datetime'),
  col('ageDays', 'Age (days)', 'number'),
  col('sla', 'SLA', 'text', 12),
  col('lastUpdate', 'Last update sent', 'datetime'),
  col('requester', 'Requester', 'text'),
  col('assignee', 'Assignee', 'text'),
  col('site', 'Site', 'text'),
];

function cell(type: CellType, v: unknown): CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (type === 'number') return typeof v === 'number' ? v : Number(v);
  if (type === 'date' || type === 'datetime') return sheetDate(String(v));
  return String(v);
}

function sheet(name: string, columns: SheetColumn[], rows: readonly Record<string, unknown>[]): Sheet {
  return { name, columns, rows: rows.map((r) => columns.map((c) => cell(c.type, r[c.key]))) };
}

/** One sheet per section asked for (the counts sheet carries the trend), plus a first sheet saying what the report is. */
export function reportSheets(doc: StatusReportDoc): Sheet[] {
  const sheets: Sheet[] = [
    {
      name: 'Report',
      columns: [col('label', 'Report', 'text', 22), col('value', doc.title, 'text', 44)],
      rows: [
        [SCOPE_LABELS[doc.scope], doc.subject],
        ['Agency', doc.agency || null],
        ['From', sheetDate(doc.period.from)],
        ['To', sheetDate(doc.period.to)],
        ['Generated', sheetDate(doc.generatedAt)],
        ['Times in', doc.timeZone],
      ],
    },
  ];
  for (const s of doc.sections) {
    if (s === 'open') sheets.push(sheet(SECTION_LABELS.open, OPEN_COLUMNS, doc.open));
    if (s === 'resolved')
      sheets.push(
        sheet(
          SECTION_LABELS.resolved,
          [col('number', 'Ticket', 'text', 14), col('title', 'Title', 'text', 44), col('priority', 'Priority', 'text', 9), col('opened', 'Opened', 'datetime'), col('resolved', 'Resolved', 'datetime'), col('resolutionCode', 'Resolved as', 'text', 18), col('resolution', 'Resolution', 'text', 60)],
          doc.resolved,
        ),
      );
    if (s === 'counts') {
      const c = doc.counts;
      const totals = [
        { label: 'Open now', value: c.open },
        { label: 'Opened in the period', value: c.opened },
        { label: 'Resolved in the period', value: c.resolved },
        { label: 'Breached in the period', value: c.breached },
        { label: 'Waiting on the customer', value: c.waiting },
      ];
      const counts = sheet('Counts', [col('label', 'Count', 'text', 26), col('value', 'Number', 'number')], totals);
      const trend = sheet('Trend', [col('start', 'From', 'date'), col('opened', 'Opened', 'number'), col('resolved', 'Resolved', 'number'), col('breached', 'Breached', 'number')], doc.trend);
      sheets.push(counts, trend);
    }
    if (s === 'training') sheets.push(sheet(SECTION_LABELS.training, [col('date', 'Date', 'date'), col('title', 'Course', 'text', 40), col('status', 'Status', 'text', 12), col('attendees', 'Attendees', 'number')], doc.training));
    if (s === 'waiting') sheets.push(sheet(SECTION_LABELS.waiting, OPEN_COLUMNS, doc.waiting));
  }
  return sheets;
}

// --- The chart ----------------------------------------------------------------

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const TREND_SERIES = [
  { key: 'opened', label: 'Opened', color: '#2563eb' },
  { key: 'resolved', label: 'Resolved', color: '#15803d' },
  { key: 'breached', label: 'Breached', color: '#b91c1c' },
] as const;

/** The trend in words: what a chart says, for screen readers and as the chart's text alternative. */
export function trendSummary(trend: readonly TrendBucket[]): string {
  if (trend.length === 0) return 'No activity to chart.';
  const sum = (k: 'opened' | 'resolved' | 'breached') => trend.reduce((n: number, b) => n + b[k], 0);
  const daily = trend.length > 1 && Date.parse(trend[1]!.start) - Date.parse(trend[0]!.start) === 86_400_000;
  const peak = trend.reduce((a, b) => (b.opened > a.opened ? b : a), trend[0]!);
  return `${trend.length} ${daily ? 'days' : 'weeks'} from ${trend[0]!.start}: ${sum('opened')} opened, ${sum('resolved')} resolved, ${sum('breached')} breached${peak.opened > 0 ? `; most opened in the ${daily ? 'day' : 'week'} of ${peak.start} (${peak.opened})` : ''}.`;
}

/**
 * A small grouped bar chart of the trend as SVG (no script, no external
 * resource), with a title and description for its text alternative. Used by
 * the screen and the printout alike. Each series has its own colour and the
 * legend names them, and every bar carries its value as a title.
 */
export function trendChartSvg(trend: readonly { start: string; opened: number; resolved: number; breached: number }[], opts: { width?: number; height?: number; id?: string } = {}): string {
  const W = opts.width ?? 560;
  const H = opts.height ?? 170;
  const id = opts.id ?? 'trend';
  const left = 30;
  const bottom = 34;
  const top = 22;
  const plotH = H - bottom - top;
  const max = Math.max(1, ...trend.flatMap((b) => [b.opened, b.resolved, b.breached]));
  const n = Math.max(1, trend.length);
  const groupW = (W - left - 6) / n;
  const barW = Math.max(2, Math.min(14, (groupW - 4) / 3));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const bars = trend
    .map((b, i) =>
      TREND_SERIES.map((s, j) => {
        const v = b[s.key];
        const x = left + i * groupW + (groupW - barW * 3) / 2 + j * barW;
        return `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${(top + plotH - y(v)).toFixed(1)}" fill="${s.color}"><title>${esc(`${b.start}: ${v} ${s.label.toLowerCase()}`)}</title></rect>`;
      }).join(''),
    )
    .join('');
  const every = Math.ceil(n / 8);
  const labels = trend
    .map((b, i) => (i % every === 0 ? `<text x="${(left + i * groupW + groupW / 2).toFixed(1)}" y="${H - bottom + 14}" text-anchor="middle">${esc(b.start.slice(5))}</text>` : ''))
    .join('');
  const legend = TREND_SERIES.map((s, j) => `<rect x="${left + j * 90}" y="4" width="10" height="10" fill="${s.color}"/><text x="${left + j * 90 + 14}" y="13">${s.label}</text>`).join('');
  const axis = `<line x1="${left}" y1="${top + plotH}" x2="${W - 4}" y2="${top + plotH}" stroke="currentColor" stroke-width="1"/><text x="${left - 4}" y="${top + 4}" text-anchor="end">${max}</text><text x="${left - 4}" y="${top + plotH}" text-anchor="end">0</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${id}-t ${id}-d" font-size="10" font-family="inherit" fill="currentColor"><title id="${id}-t">Opened, resolved and breached by ${trend.length > 1 && Date.parse(trend[1]!.start) - Date.parse(trend[0]!.start) === 86_400_000 ? 'day' : 'week'}</title><desc id="${id}-d">${esc(trendSummary(trend))}</desc>${legend}${axis}${bars}${labels}</svg>`;
}
