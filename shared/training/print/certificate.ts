import { escapeHtml } from '../../print/escapeHtml';
import { inches, pageBox, type PageSetup } from '../../print/pageSetup';
import { buildPrintHtml, type PrintFont } from '../../print/printHtml';

export interface CertificateRecipient {
  name: string;
  /** "March 10, 2026" (see completionDateText). */
  completedOn: string;
  certificateNumber?: string | null;
}

export interface CertificateInput {
  courseTitle: string;
  system?: string;
  trainerNames: readonly string[];
  organization?: string;
  recipients: readonly CertificateRecipient[];
  /** Landscape suits a certificate; the caller's setup decides. */
  setup: PageSetup;
  fonts: readonly PrintFont[];
}

const css = (setup: PageSetup) => {
  // One certificate per page: a fixed-height frame a little shorter than the page, so it never spills.
  const box = pageBox(setup);
  return `
.cert { height: ${inches(box.contentHeight - 0.1)}; border: 3px double #333; padding: 0.45in 0.6in; display: flex; flex-direction: column; align-items: center; justify-content: center; text-align: center; overflow: hidden; }
.cert .org { font-size: 11pt; letter-spacing: 0.08em; text-transform: uppercase; color: #444; }
.cert h1 { font-size: 28pt; margin: 0.15in 0 0.25in; }
.cert .lead { font-size: 12pt; color: #333; }
.cert .name { font-size: 26pt; font-weight: 700; margin: 0.12in 0; border-bottom: 1px solid #333; padding: 0 0.4in 0.04in; max-width: 100%; overflow-wrap: anywhere; }
.cert .course { font-size: 16pt; font-weight: 600; margin: 0.1in 0 0.04in; }
.cert .date { font-size: 12pt; margin-top: 0.12in; }
.cert .signatures { display: flex; gap: 0.6in; margin-top: 0.5in; }
.cert .sig { border-top: 1px solid #333; min-width: 2.6in; padding-top: 0.04in; font-size: 10pt; }
.cert .number { margin-top: 0.3in; font-size: 8.5pt; color: #555; }
`;
};

/** Certificates of completion, one page each. */
export function certificateHtml(input: CertificateInput): string {
  const trainers = input.trainerNames.length ? input.trainerNames : [''];
  const pages = input.recipients.map(
    (r) => `<section class="page cert">
${input.organization ? `<div class="org">${escapeHtml(input.organization)}</div>` : ''}
<h1>Certificate of Completion</h1>
<div class="lead">This certifies that</div>
<div class="name">${escapeHtml(r.name)}</div>
<div class="lead">has completed the training</div>
<div class="course">${escapeHtml(input.courseTitle)}</div>
${input.system ? `<div class="lead">${escapeHtml(input.system)}</div>` : ''}
<div class="date">on ${escapeHtml(r.completedOn)}</div>
<div class="signatures">${trainers.map((t) => `<div class="sig">${escapeHtml(t || 'Trainer')}</div>`).join('')}</div>
${r.certificateNumber ? `<div class="number">Certificate ${escapeHtml(r.certificateNumber)}</div>` : ''}
</section>`,
  );
  return buildPrintHtml({ title: `Certificates: ${input.courseTitle}`, setup: input.setup, fonts: input.fonts, css: css(input.setup), body: pages.join('\n') });
}
