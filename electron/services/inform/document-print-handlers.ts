import type { documentsChannels } from '../../../shared/ipc/channels/documents';
import { documentBands, documentHtml } from '../../../shared/inform/print/document';
import { ok } from '../../../shared/result';
import { pageSetup } from '../../../shared/training/print/pageSetup';
import { pdfOptions } from '../../../shared/training/print/pdfOptions';
import type { HandlerDeps } from '../handlers';
import type { HandlersFor } from '../ipc/router';
import { printDocument } from '../print/printDocument';
import { loadPrintFonts } from '../print/printFonts';
import { countPdfPages } from '../training/pdf-pages';
import { fileNameFor } from '../training/print-jobs';

const PDF_FILTER = [{ name: 'PDF document', extensions: ['pdf'] }];

/** Printing a knowledge-base document to PDF: built here from data, through the shared print pipeline. */
export function createDocumentPrintHandlers(deps: HandlerDeps): HandlersFor<typeof documentsChannels> {
  return {
    'documents.printPdf': async ({ document: doc, paper }) => {
      const fonts = await loadPrintFonts(deps.fontsDir);
      if (!fonts.ok) return fonts;
      const setup = pageSetup(paper);
      const { html, warnings } = documentHtml(doc, setup, fonts.value);
      const outPath = await deps.dialogs.saveFile({ title: 'Save as PDF', defaultName: fileNameFor(doc.title, doc.version > 0 ? `v${doc.version}` : doc.state, 'pdf'), filters: PDF_FILTER });
      if (!outPath) return ok({ cancelled: true as const });
      let pages: number | null = null;
      const printed = await printDocument({
        html,
        options: pdfOptions(setup, documentBands(doc), fonts.value),
        outPath: /\.pdf$/i.test(outPath) ? outPath : `${outPath}.pdf`,
        printToPdf: async (h, options) => {
          const pdf = await deps.printer.toPdf(h, options);
          pages = countPdfPages(pdf);
          return pdf;
        },
      });
      if (!printed.ok) return printed;
      return ok({ cancelled: false as const, path: printed.value.path, bytes: printed.value.bytes, pages, warnings });
    },
  };
}
