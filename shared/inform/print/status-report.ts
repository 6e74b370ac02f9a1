import { escapeHtml } from '../../print/escapeHtml';
import type { PageSetup } from '../../print/pageSetup';
import { buildPrintHtml, type PrintFont } from '../../print/printHtml';
import { SCOPE_LABELS, SECTION_LABELS, trendChartSvg, trendSummary, type OpenRowDoc, type StatusReportDoc } from '../report-output';

/**
 * The printed status report: a heading naming the subject and the period,
 * then each section asked for. The agency's name is in every page's header
 * and the page numbers in its footer (Chromium's header and footer templates,
 * set by the caller with `pdfOptions`).
 */

const css = `
.sr-meta { font-size: 9.5pt; color: #333; margin: 0 0 0.12in; }
.sr-counts { display: flex; flex-wrap: wrap; gap: 0.1in; margin: 0.05in 0 0.12in; padding: 0; list-style: none; }
.sr-counts li { border: 1px solid #999; border-radius: 4px; padding: 4px 10px; min-width: 1.1in; }
.sr-counts b { display: block; font-size: 15pt; }
.sr-chart { break-inside: avoid; page-break-inside: avoid; color: #222; }
.sr-chart svg { max-width: 100%; height: auto; }
.sr-chart p { font-size: 9pt; color: #333; margin: 0.02in 0 0.1in; }
.sr-empty { color: #666; font-style: italic; }
table.sr-table { font-size: 8.5pt; }
table.sr-table td.num { text-align: right; white-space: nowrap; }
table.sr-table td.when { white-space: nowrap; }
.sr-breached { font-weight: 700; color: #8a1c1c; }
`;

const e = escapeHtml;
const when = (w: string | null) => (w ? w.replace('T', ' ') : '—');

function openTable(rows: readonly OpenRowDoc[], empty: string): string {
  if (rows.length === 0) return `<p class="sr-empty">${e(empty)}</p>`;
  return `<table class="sr-table"><thead><tr><th>Ticket</th><th>Title</th><th>Status</th><th>Priority</th><th>Age (days)</th><th>SLA</th><th>Last update sent</th><th>Requester</th></tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr><td class="when">${e(r.number)}</td><td>${e(r.title)}</td><td>${e(r.status)}</td><td>${e(r.priority)}</td><td class="num">${r.ageDays}</td><td${r.sla === 'breached' ? ' class="sr-breached"' : ''}>${e(r.sla)}</td><td class="when">${e(when(r.lastUpdate))}</td><td>${e(r.requester)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

export function statusReportHtml(doc: StatusReportDoc, setup: PageSetup, fonts: readonly PrintFont[]): string {
  const parts: string[] = [];
  const meta = [`${SCOPE_LABELS[doc.scope]}: ${doc.subject}`, `Period ${doc.period.from} to ${doc.period.to}`, `Generated ${when(doc.generatedAt)} (${doc.timeZone})`];
  parts.push(`<header><h1>${e(doc.title)}</h1><p class="sr-meta">${meta.map(e).join(' · ')}</p></header>`);
  for (const s of doc.sections) {
    const h = `<h2>${e(SECTION_LABELS[s])}</h2>`;
    if (s === 'counts') {
      const c = doc.counts;
      const items: [string, number][] = [
        ['Open now', c.open],
        ['Opened in the period', c.opened],
        ['Resolved in the period', c.resolved],
        ['Breached in the period', c.breached],
        ['Waiting on the customer', c.waiting],
      ];
      parts.push(
        `<section>${h}<ul class="sr-counts">${items.map(([l, v]) => `<li><b>${v}</b>${e(l)}</li>`).join('')}</ul><div class="sr-chart">${trendChartSvg(doc.trend, { id: 'print-trend' })}<p>${e(trendSummary(doc.trend))}</p></div></section>`,
      );
    }
    if (s === 'open') parts.push(`<section>${h}${openTable(doc.open, 'No open requests.')}</section>`);
    if (s === 'waiting') parts.push(`<section>${h}${openTable(doc.waiting, 'Nothing is waiting on the customer.')}</section>`);
    if (s === 'resolved')
      parts.push(
        `<section>${h}${
          doc.resolved.length === 0
            ? '<p class="sr-empty">Nothing was resolved in the period.</p>'
            : `<table class="sr-table"><thead><tr><th>Ticket</th><th>Title</th><th>Priority</th><th>Resolved</th><th>Resolution</th></tr></thead><tbody>${doc.resolved
                .map((r) => `<tr><td class="when">${e(r.number)}</td><td>${e(r.title)}</td><td>${e(r.priority)}</td><td class="when">${e(when(r.resolved))}</td><td>${e([r.resolutionCode, r.resolution].filter(Boolean).join(' — '))}</td></tr>`)
                .join('')}</tbody></table>`
        }</section>`,
      );
    if (s === 'training')
      parts.push(
        `<section>${h}${
          doc.training.length === 0
            ? `<p class="sr-empty">${doc.scope === 'agency' || doc.scope === 'site' ? 'No training was held in the period.' : 'Training is reported for an agency or a site.'}</p>`
            : `<table class="sr-table"><thead><tr><th>Date</th><th>Course</th><th>Status</th><th>Attendees</th></tr></thead><tbody>${doc.training
                .map((t) => `<tr><td class="when">${e(t.date)}</td><td>${e(t.title)}</td><td>${e(t.status)}</td><td class="num">${t.attendees}</td></tr>`)
                .join('')}</tbody></table>`
        }</section>`,
      );
  }
  return buildPrintHtml({ title: doc.title, setup, fonts, css, body: parts.join('\n') });
}

/** The header band names the agency (or the subject when it has none); the footer the report and its page numbers. */
export const statusReportBands = (doc: StatusReportDoc) => ({ header: doc.agency || doc.subject, footer: `${doc.title} · ${doc.period.from} to ${doc.period.to}` });
