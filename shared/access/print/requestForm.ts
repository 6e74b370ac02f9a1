import { z } from 'zod';
import { escapeHtml } from '../../print/escapeHtml';
import type { PageSetup } from '../../print/pageSetup';
import { buildPrintHtml, type PrintFont } from '../../print/printHtml';

const text = (max: number) => z.string().trim().max(max, `Must be at most ${max} characters`);

/**
 * The printable access request form: the request's details and a signature
 * line per approval stage, for a supervisor who signs on paper at a field
 * site. The renderer sends this data (names, not ids); main builds the HTML.
 */
export const AccessRequestFormSchema = z
  .object({
    kind: z.literal('accessRequestForm'),
    reference: text(64).min(1),
    organization: text(200).default(''),
    forPerson: text(200).min(1),
    forPersonDetail: text(300).default(''),
    requestedBy: text(200).default(''),
    system: text(200).min(1),
    entitlements: z.array(text(200)).min(1).max(20),
    justification: text(2000).default(''),
    startDate: text(40).min(1),
    endDate: text(40).default(''),
    ticket: text(200).default(''),
    status: text(40).default(''),
    sodConflicts: z.array(text(300)).max(20).default([]),
    stages: z
      .array(z.object({ label: text(120).min(1), recorded: text(300).default('') }).strict())
      .min(1)
      .max(10),
    printedOn: text(60).default(''),
  })
  .strict();
export type AccessRequestForm = z.output<typeof AccessRequestFormSchema>;

const css = `
.form-head h1 { margin: 0 0 0.05in; font-size: 18pt; }
.form-head .meta { font-size: 9.5pt; color: #333; margin-bottom: 0.15in; }
table.details th { width: 28%; }
.sod { border: 1.5px solid #8a1c1c; padding: 6px 8px; margin: 0.1in 0; }
.sod strong { color: #8a1c1c; }
.sign { break-inside: avoid; page-break-inside: avoid; margin-top: 0.25in; }
.sign h2 { font-size: 11.5pt; margin: 0 0 0.08in; }
.sign .row { display: flex; gap: 0.25in; margin-top: 0.35in; }
.sign .line { flex: 1; border-top: 1px solid #111; padding-top: 2px; font-size: 8.5pt; color: #333; }
.sign .line.narrow { flex: 0 0 1.6in; }
.sign .decision { font-size: 9.5pt; margin-top: 0.06in; }
.recorded { font-size: 9pt; color: #333; font-style: italic; }
`;

export function accessRequestFormHtml(doc: AccessRequestForm, setup: PageSetup, fonts: readonly PrintFont[]): string {
  const row = (label: string, value: string) => (value ? `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>` : '');
  const details = [
    row('For', doc.forPersonDetail ? `${doc.forPerson} — ${doc.forPersonDetail}` : doc.forPerson),
    row('Requested by', doc.requestedBy),
    row('System', doc.system),
    row('Entitlements', doc.entitlements.join(', ')),
    row('From', doc.startDate),
    row('Until', doc.endDate || 'No end date'),
    row('Linked ticket', doc.ticket),
    row('Status', doc.status),
    row('Business justification', doc.justification),
  ].join('\n');
  const sod = doc.sodConflicts.length
    ? `<div class="sod"><strong>Separation-of-duties conflict.</strong> The approver accepts it by signing, with a reason:<ul>${doc.sodConflicts.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul><div class="row" style="display:flex"><div class="line" style="flex:1;border-top:1px solid #111;margin-top:0.3in;font-size:8.5pt">Reason for accepting the conflict</div></div></div>`
    : '';
  const stages = doc.stages
    .map(
      (s, i) => `<section class="sign"><h2>Stage ${i + 1}: ${escapeHtml(s.label)}</h2>
<div class="decision">☐ Approved &nbsp;&nbsp; ☐ Denied</div>
${s.recorded ? `<div class="recorded">Recorded: ${escapeHtml(s.recorded)}</div>` : ''}
<div class="row"><div class="line">Name (print)</div><div class="line">Signature</div><div class="line narrow">Date</div></div>
</section>`,
    )
    .join('\n');
  const body = `<header class="form-head">
<h1>Access request form</h1>
<div class="meta">${[doc.organization, `Reference ${doc.reference}`, doc.printedOn ? `Printed ${doc.printedOn}` : ''].filter(Boolean).map(escapeHtml).join(' · ')}</div>
</header>
<table class="details"><tbody>
${details}
</tbody></table>
${sod}
${stages}`;
  return buildPrintHtml({ title: `Access request: ${doc.forPerson}`, setup, fonts, css, body });
}
