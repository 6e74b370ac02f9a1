import { z } from 'zod';
import { escapeHtml } from '../../print/escapeHtml';
import type { PageSetup } from '../../print/pageSetup';
import { buildPrintHtml, type PrintFont } from '../../print/printHtml';

const text = (max: number) => z.string().trim().max(max, `Must be at most ${max} characters`);

/**
 * A distribution list on paper: its name, address, owner, purpose and last
 * owner review, and every current member with address and end date (for an
 * owner's review at a field site, or an auditor's file).
 */
export const DistributionListPrintSchema = z
  .object({
    kind: z.literal('distributionList'),
    name: text(200).min(1),
    address: text(320),
    owner: text(200),
    purpose: text(2000),
    lastReviewed: text(120),
    members: z.array(z.object({ name: text(200), email: text(320), until: text(60), note: text(200) }).strict()).max(20_000),
    printedOn: text(60).default(''),
  })
  .strict();
export type DistributionListPrint = z.output<typeof DistributionListPrintSchema>;

const css = `
.head h1 { margin: 0 0 0.05in; font-size: 18pt; }
.head .meta { font-size: 9.5pt; color: #333; margin-bottom: 0.08in; }
.head .purpose { font-size: 10pt; margin: 0 0 0.12in; }
table.members { font-size: 9.5pt; }
table.members td.nowrap { white-space: nowrap; }
.review { break-inside: avoid; page-break-inside: avoid; margin-top: 0.3in; font-size: 10pt; }
.review .row { display: flex; gap: 0.25in; margin-top: 0.4in; }
.review .line { flex: 1; border-top: 1px solid #111; padding-top: 2px; font-size: 8.5pt; color: #333; }
.review .line.narrow { flex: 0 0 1.6in; }
`;

export function distributionListHtml(doc: DistributionListPrint, setup: PageSetup, fonts: readonly PrintFont[]): string {
  const rows = doc.members.map((m, i) => `<tr><td>${i + 1}</td><td>${escapeHtml(m.name || 'Outside address')}</td><td>${m.email ? escapeHtml(m.email) : '<em>No address</em>'}</td><td class="nowrap">${escapeHtml(m.until || 'No end date')}</td><td>${escapeHtml(m.note)}</td></tr>`).join('\n');
  const meta = [doc.address ? `Address ${doc.address}` : 'No address', `Owner ${doc.owner || 'none of record'}`, doc.lastReviewed, `${doc.members.length} member${doc.members.length === 1 ? '' : 's'}`, doc.printedOn ? `Printed ${doc.printedOn}` : ''].filter(Boolean);
  const body = `<header class="head">
<h1>Distribution list: ${escapeHtml(doc.name)}</h1>
<div class="meta">${meta.map(escapeHtml).join(' · ')}</div>
<p class="purpose">${escapeHtml(doc.purpose || 'Purpose not stated')}</p>
</header>
${doc.members.length ? `<table class="members"><thead><tr><th>#</th><th>Name</th><th>E-mail</th><th>Until</th><th>Note</th></tr></thead><tbody>\n${rows}\n</tbody></table>` : '<p>No members.</p>'}
<section class="review"><p>Owner’s review: every member above still needs this list (strike out those who do not).</p><div class="row"><div class="line">Owner’s signature</div><div class="line narrow">Date</div></div></section>`;
  return buildPrintHtml({ title: `Distribution list: ${doc.name}`, setup, fonts, css, body });
}
