import { statusReportBands, statusReportHtml } from '../../../shared/inform/print/status-report';
import type { StatusReportDoc } from '../../../shared/inform/report-output';
import type { informChannels } from '../../../shared/inform/channels';
import { err, ok, type Result } from '../../../shared/result';
import { pageSetup, type PaperSize } from '../../../shared/print/pageSetup';
import { pdfOptions } from '../../../shared/print/pdfOptions';
import { writeFileAtomic } from '../files/write-file-atomic';
import type { HandlerDeps } from '../handlers';
import type { HandlersFor } from '../ipc/router';
import { createDraftFiles, type DraftFiles } from '../mail/draft-files';
import { savePdfWithDialog } from '../print/save-pdf';
import { loadPrintFonts } from '../print/printFonts';
import { countPdfPages } from '../print/pdf-pages';
import { fileNameFor } from '../print/file-name';
import { statusReportWorkbook } from './report-workbook';

const XLSX_FILTER = [{ name: 'Excel workbook', extensions: ['xlsx'] }];

/** "Eastside District status report 2026-11-01 to 2026-11-30 Letter.pdf" */
export const reportFileName = (doc: StatusReportDoc, suffix: string, ext: string) => fileNameFor(`${doc.subject} status report ${doc.period.from} to ${doc.period.to}`, suffix, ext);

/** Handlers for status reports: PDF through the print pipeline, the workbook, and the PDF for a mail draft. */
export function createInformHandlers(deps: HandlerDeps, files: DraftFiles = createDraftFiles(deps.dataDir)): HandlersFor<typeof informChannels> {
  async function render(doc: StatusReportDoc, paper: PaperSize): Promise<Result<{ pdf: Uint8Array; pages: number | null }>> {
    const fonts = await loadPrintFonts(deps.fontsDir);
    if (!fonts.ok) return fonts;
    const setup = pageSetup(paper);
    const html = statusReportHtml(doc, setup, fonts.value);
    try {
      const pdf = await deps.printer.toPdf(html, pdfOptions(setup, statusReportBands(doc), fonts.value));
      return ok({ pdf, pages: countPdfPages(pdf) });
    } catch (e) {
      return err('internal', `Printing to PDF failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  return {
    'inform.reportPdf': async ({ report, paper }) => {
      const fonts = await loadPrintFonts(deps.fontsDir);
      if (!fonts.ok) return fonts;
      const setup = pageSetup(paper);
      return savePdfWithDialog(deps, {
        title: 'Save the status report as PDF',
        defaultName: reportFileName(report, paper, 'pdf'),
        html: statusReportHtml(report, setup, fonts.value),
        options: pdfOptions(setup, statusReportBands(report), fonts.value),
      });
    },

    'inform.reportXlsx': async ({ report }) => {
      const path = await deps.dialogs.saveFile({ title: 'Export the status report', defaultName: reportFileName(report, '', 'xlsx'), filters: XLSX_FILTER });
      if (!path) return ok({ cancelled: true as const });
      const book = await statusReportWorkbook(report);
      const written = await writeFileAtomic(/\.xlsx$/i.test(path) ? path : `${path}.xlsx`, book.bytes);
      if (!written.ok) return written;
      return ok({ cancelled: false as const, path: written.value.path, sheets: book.sheets });
    },

    'inform.reportPdfForMail': async ({ report, paper }) => {
      const rendered = await render(report, paper);
      if (!rendered.ok) return rendered;
      const { pdf, pages } = rendered.value;
      if (pdf.length < 5 || String.fromCharCode(...pdf.slice(0, 5)) !== '%PDF-') return err('internal', 'Printing to PDF produced something that is not a PDF.');
      const saved = await files.write(reportFileName(report, paper, 'pdf'), pdf);
      if (!saved.ok) return saved;
      return ok({ name: saved.value.name, filename: saved.value.filename, bytes: saved.value.bytes, pages });
    },
  };
}
