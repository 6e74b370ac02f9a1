import { escapeHtml } from '../../print/escapeHtml';
import type { PageSetup } from '../../print/pageSetup';
import { buildPrintHtml, type PrintFont } from '../../print/printHtml';

/** A review as the printout shows it: names, not ids (the renderer resolves them; main builds the HTML). */
export interface ReviewPrintData {
  title: string;
  status: string;
  owner: string;
  reviewDate: string;
  attendees: readonly string[];
  incidents: readonly string[];
  sections: readonly { label: string; text: string }[];
  timeline: readonly { when: string; text: string }[];
  actions: readonly { title: string; owner: string; due: string; type: string; status: string; link: string }[];
  printedAt: string;
}

const css = `
.rv-head h1 { margin: 0 0 0.04in; }
.rv-head .meta { font-size: 9.5pt; color: #333; margin: 0 0 0.1in; }
.rv-status { display: inline-block; border: 1px solid #555; padding: 0 6px; border-radius: 3px; font-weight: 600; }
.rv-section { break-inside: avoid; page-break-inside: avoid; }
.rv-section p { margin: 0 0 0.08in; white-space: pre-wrap; }
table.rv-timeline td:first-child { width: 1.7in; white-space: nowrap; }
.rv-empty { color: #777; font-style: italic; }
`;

const para = (text: string) => (text.trim() ? `<p>${escapeHtml(text)}</p>` : '<p class="rv-empty">Not recorded</p>');

/** The post-incident review: header, sections, timeline and action items, on Letter or A4. */
export function reviewHtml(data: ReviewPrintData, setup: PageSetup, fonts: readonly PrintFont[]): string {
  const meta = [`Owner: ${data.owner}`, `Review date: ${data.reviewDate || 'not set'}`, `Printed ${data.printedAt}`].map(escapeHtml).join(' · ');
  const list = (items: readonly string[]) => (items.length ? escapeHtml(items.join(', ')) : '<span class="rv-empty">None recorded</span>');
  const sections = data.sections.map((s) => `<section class="rv-section"><h2>${escapeHtml(s.label)}</h2>${para(s.text)}</section>`).join('\n');
  const timeline = data.timeline.length
    ? `<table class="rv-timeline"><thead><tr><th>When</th><th>What happened</th></tr></thead><tbody>${data.timeline.map((t) => `<tr><td>${escapeHtml(t.when)}</td><td>${escapeHtml(t.text)}</td></tr>`).join('')}</tbody></table>`
    : '<p class="rv-empty">No timeline entries</p>';
  const actions = data.actions.length
    ? `<table><thead><tr><th>Action</th><th>Owner</th><th>Due</th><th>Type</th><th>Status</th><th>Linked</th></tr></thead><tbody>${data.actions
        .map((a) => `<tr><td>${escapeHtml(a.title)}</td><td>${escapeHtml(a.owner)}</td><td>${escapeHtml(a.due)}</td><td>${escapeHtml(a.type)}</td><td>${escapeHtml(a.status)}</td><td>${escapeHtml(a.link)}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p class="rv-empty">No action items</p>';
  const body = `<header class="rv-head">
<h1>Post-incident review: ${escapeHtml(data.title)}</h1>
<div class="meta"><span class="rv-status">${escapeHtml(data.status)}</span> ${meta}</div>
<div class="meta">Incidents: ${list(data.incidents)}</div>
<div class="meta">Attendees: ${list(data.attendees)}</div>
</header>
${sections}
<h2>Timeline</h2>
${timeline}
<h2>Action items</h2>
${actions}`;
  return buildPrintHtml({ title: `Review — ${data.title}`, setup, fonts, css, body });
}
