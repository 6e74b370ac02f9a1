import type { documentsChannels } from '../../../shared/inform/documents-channels';
import { documentBands, documentHtml } from '../../../shared/inform/print/document';
import { ok } from '../../../shared/result';
import { pageSetup } from '../../../shared/print/pageSetup';
import { pdfOptions } from '../../../shared/print/pdfOptions';
import type { HandlerDeps } from '../handlers';
import type { HandlersFor } from '../ipc/router';
import { loadPrintFonts } from '../print/printFonts';
import { savePdfWithDialog } from '../print/save-pdf';
import { fileNameFor } from '../print/file-name';

/** Printing a knowledge-base document to PDF: built here from data, through the shared print pipeline. */
export function createDocumentPrintHandlers(deps: HandlerDeps): HandlersFor<typeof documentsChannels> {
  return {
    'documents.printPdf': async ({ document: doc, paper }) => {
      const fonts = await loadPrintFonts(deps.fontsDir);
      if (!fonts.ok) return fonts;
      const setup = pageSetup(paper);
      const { html, warnings } = documentHtml(doc, setup, fonts.value);
      const saved = await savePdfWithDialog(deps, { html, options: pdfOptions(setup, documentBands(doc), fonts.value), defaultName: fileNameFor(doc.title, doc.version > 0 ? `v${doc.version}` : doc.state, 'pdf') });
      if (!saved.ok) return saved;
      return saved.value.cancelled ? ok({ cancelled: true as const }) : ok({ ...saved.value, warnings });
    },
  };
}
