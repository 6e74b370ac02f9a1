import { z } from 'zod';
import { escapeHtml } from '../../print/escapeHtml';
import type { PageSetup } from '../../print/pageSetup';
import { buildPrintHtml, type PrintFont } from '../../print/printHtml';

const text = (max: number) => z.string().trim().max(max, `Must be at most ${max} characters`);

/**
 * A review campaign's printable summary for auditors: counts by decision, and
 * every item that was revoked, changed, flagged or left undecided, with who
 * decided, when and why. The full item list is the XLSX report.
 */
export const CampaignSummarySchema = z
  .object({
    kind: z.literal('campaignSummary'),
    name: text(200).min(1),
    due: text(60),
    status: text(120),
    defaultAction: text(120),
    counts: z.object({ items: z.number().int().min(0), keep: z.number().int().min(0), revoke: z.number().int().min(0), change: z.number().int().min(0), dontKnow: z.number().int().min(0), conflicts: z.number().int().min(0), undecided: z.number().int().min(0) }).strict(),
    rows: z
      .array(z.object({ person: text(200), access: text(300), decision: text(300), by: text(300), at: text(60), reason: text(1000) }).strict())
      .max(5000),
    printedOn: text(60).default(''),
  })
  .strict();
export type CampaignSummary = z.output<typeof CampaignSummarySchema>;

const css = `
.head h1 { margin: 0 0 0.05in; font-size: 18pt; }
.head .meta { font-size: 9.5pt; color: #333; margin-bottom: 0.12in; }
table.counts { width: auto; }
table.counts th, table.counts td { text-align: center; min-width: 0.75in; }
table.items { font-size: 9pt; }
table.items td.nowrap { white-space: nowrap; }
`;

export function campaignSummaryHtml(doc: CampaignSummary, setup: PageSetup, fonts: readonly PrintFont[]): string {
  const c = doc.counts;
  const rows = doc.rows.map((r) => `<tr><td class="nowrap">${escapeHtml(r.person)}</td><td>${escapeHtml(r.access)}</td><td class="nowrap">${escapeHtml(r.decision)}</td><td class="nowrap">${escapeHtml(r.by)}</td><td>${escapeHtml(r.at)}</td><td>${escapeHtml(r.reason)}</td></tr>`).join('\n');
  const body = `<header class="head">
<h1>Access review: ${escapeHtml(doc.name)}</h1>
<div class="meta">${[`Due ${doc.due}`, doc.status, `If undecided: ${doc.defaultAction}`, doc.printedOn ? `Printed ${doc.printedOn}` : ''].filter(Boolean).map(escapeHtml).join(' · ')}</div>
</header>
<table class="counts"><thead><tr><th>Items</th><th>Keep</th><th>Revoke</th><th>Change</th><th>Don’t know</th><th>Conflicts</th><th>Undecided</th></tr></thead>
<tbody><tr><td>${c.items}</td><td>${c.keep}</td><td>${c.revoke}</td><td>${c.change}</td><td>${c.dontKnow}</td><td>${c.conflicts}</td><td>${c.undecided}</td></tr></tbody></table>
<h2>Items needing attention or removed</h2>
${doc.rows.length ? `<table class="items"><thead><tr><th>Person</th><th>Access</th><th>Decision</th><th>By</th><th>When</th><th>Reason</th></tr></thead><tbody>\n${rows}\n</tbody></table>` : '<p>Every item was kept.</p>'}`;
  return buildPrintHtml({ title: `Access review: ${doc.name}`, setup, fonts, css, body });
}
