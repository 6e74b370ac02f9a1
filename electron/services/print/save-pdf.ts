import { ok, type Result } from '../../../shared/result';
import type { PdfOptions } from '../../../shared/print/pdfOptions';
import type { Dialogs } from '../handlers';
import { countPdfPages } from './pdf-pages';
import type { Printer } from './printer';
import { printDocument } from './printDocument';

const PDF_FILTER = [{ name: 'PDF document', extensions: ['pdf'] }];

export interface SavePdfDeps {
  dialogs: Pick<Dialogs, 'saveFile'>;
  printer: Pick<Printer, 'toPdf'>;
}

export interface PdfJob {
  html: string;
  options: PdfOptions;
  /** The name the save dialog proposes. */
  defaultName: string;
  /** The save dialog's title ("Save as PDF" when not given). */
  title?: string;
}

export type SavedPdf = { cancelled: true } | { cancelled: false; path: string; bytes: number; pages: number | null };

/**
 * "Save as PDF": ask where (the save dialog), print the document to PDF and
 * write it there atomically (printDocument), adding `.pdf` when the chosen
 * name lacks it. `pages` is the page count read from the PDF, or null when it
 * cannot be read. Cancelling the dialog prints nothing. Used by every
 * feature's print-to-PDF channel (training, operations, access).
 */
export async function savePdfWithDialog(deps: SavePdfDeps, job: PdfJob): Promise<Result<SavedPdf>> {
  const outPath = await deps.dialogs.saveFile({ title: job.title ?? 'Save as PDF', defaultName: job.defaultName, filters: PDF_FILTER });
  if (!outPath) return ok({ cancelled: true as const });
  let pages: number | null = null;
  const printed = await printDocument({
    html: job.html,
    options: job.options,
    outPath: /\.pdf$/i.test(outPath) ? outPath : `${outPath}.pdf`,
    printToPdf: async (html, options) => {
      const pdf = await deps.printer.toPdf(html, options);
      pages = countPdfPages(pdf);
      return pdf;
    },
  });
  if (!printed.ok) return printed;
  return ok({ cancelled: false as const, path: printed.value.path, bytes: printed.value.bytes, pages });
}
