import type { AttendanceCounts, AttendanceMark } from '../attendance';
import { formatSessionWhen } from '../format';
import type { SessionTiming } from '../session';
import { escapeHtml } from '../../print/escapeHtml';
import type { PageSetup } from '../../print/pageSetup';
import { buildPrintHtml, type PrintFont } from '../../print/printHtml';

export interface AttendanceSummaryRow {
  name: string;
  agency?: string;
  mark: AttendanceMark | null;
  takenBy?: string;
  /** UTC instant the mark was taken. */
  at?: string;
  walkIn?: boolean;
}

export interface AttendanceSummaryInput {
  courseTitle: string;
  system?: string;
  session: SessionTiming & { location: string; onlineUrl: string };
  trainerNames: readonly string[];
  counts: AttendanceCounts;
  rows: readonly AttendanceSummaryRow[];
  setup: PageSetup;
  fonts: readonly PrintFont[];
  locale?: string;
}

const MARK_LABEL: Record<AttendanceMark, string> = { present: 'Present', late: 'Late', excused: 'Excused', absent: 'Absent' };

const css = `
.sum-head h1 { margin: 0 0 0.04in; font-size: 18pt; }
.sum-head .course { font-size: 12pt; font-weight: 600; }
.sum-head .meta { font-size: 9.5pt; color: #333; margin: 0.04in 0 0.12in; }
table.counts { width: auto; }
table.counts td, table.counts th { text-align: center; min-width: 0.8in; }
td.mark-absent { color: #8a1c1c; } td.mark-none { color: #777; font-style: italic; }
`;

/** Attendance summary: counts, then everyone on the roster with their mark and who took it. */
export function attendanceSummaryHtml(input: AttendanceSummaryInput): string {
  const when = formatSessionWhen(input.session, input.locale);
  const where = input.session.location || input.session.onlineUrl;
  const c = input.counts;
  const takenAt = (at?: string) => {
    const ms = at ? Date.parse(at) : NaN;
    if (Number.isNaN(ms)) return '';
    return new Intl.DateTimeFormat(input.locale ?? 'en-US', { timeZone: input.session.timeZone, hour: 'numeric', minute: '2-digit', month: 'short', day: 'numeric' }).format(new Date(ms));
  };
  const rows = [...input.rows]
    .sort((a, b) => a.name.localeCompare(b.name, input.locale ?? 'en-US', { sensitivity: 'base' }))
    .map(
      (r) => `<tr><td>${escapeHtml(r.name)}${r.walkIn ? ' <small>(walk-in)</small>' : ''}</td><td>${escapeHtml(r.agency ?? '')}</td>` +
        `<td class="mark-${r.mark ?? 'none'}">${r.mark ? MARK_LABEL[r.mark] : 'Not marked'}</td><td>${escapeHtml(r.takenBy ?? '')}</td><td>${escapeHtml(takenAt(r.at))}</td></tr>`,
    )
    .join('\n');
  const body = `<header class="sum-head">
<h1>Attendance summary</h1>
<div class="course">${escapeHtml(input.system ? `${input.courseTitle} — ${input.system}` : input.courseTitle)}</div>
<div class="meta">${[when?.date, when?.time, where, input.trainerNames.length ? `Trainer: ${input.trainerNames.join(', ')}` : ''].filter(Boolean).map(escapeHtml).join(' · ')}</div>
</header>
<table class="counts"><thead><tr><th>Registered</th><th>Present</th><th>Late</th><th>Excused</th><th>Absent</th><th>Not marked</th></tr></thead>
<tbody><tr><td>${c.expected}</td><td>${c.present}</td><td>${c.late}</td><td>${c.excused}</td><td>${c.absent}</td><td>${c.unmarked}</td></tr></tbody></table>
<table class="roster"><thead><tr><th>Name</th><th>Agency / office</th><th>Attendance</th><th>Taken by</th><th>When</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
  return buildPrintHtml({ title: `Attendance: ${input.courseTitle}`, setup: input.setup, fonts: input.fonts, css, body });
}
