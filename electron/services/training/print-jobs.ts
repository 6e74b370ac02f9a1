import type { ParsedPrintableDocument } from '../../../shared/training/channels';
import { attendanceSummaryHtml } from '../../../shared/training/print/attendanceSummary';
import { certificateHtml } from '../../../shared/training/print/certificate';
import { handoutHtml } from '../../../shared/training/print/handout';
import { pageSetup, type PaperSize } from '../../../shared/print/pageSetup';
import { pdfOptions, type PdfOptions } from '../../../shared/print/pdfOptions';
import type { PrintFont } from '../../../shared/print/printHtml';
import { signInSheetHtml, signInSheetPages } from '../../../shared/training/print/signInSheet';
import type { AttendanceCounts, AttendanceMark } from '../../../shared/training/attendance';
import { fileNameFor } from '../print/file-name';

/** Everything needed to print one document: built here, in main, from data only. */
export interface PrintJob {
  html: string;
  options: PdfOptions;
  /** Suggested file name for the save dialog. */
  defaultName: string;
  /** Pages known before printing (sign-in sheets, certificates); null when Chromium decides. */
  expectedPages: number | null;
  /** What the Markdown sanitizer dropped, for the author to see. */
  warnings: string[];
}

const withSystem = (title: string, system: string) => (system ? `${title} — ${system}` : title);

function countMarks(rows: readonly { mark: AttendanceMark | null }[]): AttendanceCounts {
  const c: AttendanceCounts = { present: 0, late: 0, excused: 0, absent: 0, unmarked: 0, expected: rows.length, attended: 0 };
  for (const r of rows) {
    if (r.mark) c[r.mark] += 1;
    else c.unmarked += 1;
  }
  c.attended = c.present + c.late;
  return c;
}

export function buildPrintJob(doc: ParsedPrintableDocument, paper: PaperSize, fonts: readonly PrintFont[]): PrintJob {
  switch (doc.kind) {
    case 'handout': {
      const setup = pageSetup(paper);
      const m = doc.material;
      const { html, warnings } = handoutHtml({
        material: m,
        setup,
        fonts,
        ...(doc.dateText ? { dateText: doc.dateText } : {}),
        ...(doc.organization ? { organization: doc.organization } : {}),
      });
      const footer = [m.system, m.version > 0 ? `Version ${m.version}` : 'Draft'].filter(Boolean).join(' · ');
      return { html, options: pdfOptions(setup, { header: m.title, footer }, fonts), defaultName: fileNameFor(m.title, m.version > 0 ? `v${m.version}` : 'draft', 'pdf'), expectedPages: null, warnings };
    }
    case 'signInSheet': {
      const setup = pageSetup(paper);
      const input = { ...doc, trainerNames: doc.trainerNames, setup, fonts };
      return {
        html: signInSheetHtml(input),
        options: pdfOptions(setup, { footer: `${withSystem(doc.courseTitle, doc.system)} — sign-in sheet` }, fonts),
        defaultName: fileNameFor(doc.courseTitle, `sign-in ${doc.session.startLocal.slice(0, 10)}`, 'pdf'),
        expectedPages: signInSheetPages(input).length,
        warnings: [],
      };
    }
    case 'attendanceSummary': {
      const setup = pageSetup(paper);
      const html = attendanceSummaryHtml({ ...doc, counts: countMarks(doc.rows), setup, fonts });
      return {
        html,
        options: pdfOptions(setup, { footer: `${withSystem(doc.courseTitle, doc.system)} — attendance` }, fonts),
        defaultName: fileNameFor(doc.courseTitle, `attendance ${doc.session.startLocal.slice(0, 10)}`, 'pdf'),
        expectedPages: null,
        warnings: [],
      };
    }
    case 'certificate': {
      // Landscape, no header or footer: a certificate is framed, not paginated.
      const setup = pageSetup(paper, true);
      return {
        html: certificateHtml({ ...doc, ...(doc.organization ? { organization: doc.organization } : {}), setup, fonts }),
        options: pdfOptions(setup, { pageNumbers: false }, fonts),
        defaultName: fileNameFor(doc.courseTitle, 'certificates', 'pdf'),
        expectedPages: doc.recipients.length,
        warnings: [],
      };
    }
  }
}
