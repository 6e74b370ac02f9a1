import type { PdfOptions } from '../../../shared/print/pdfOptions';
import type { PrintToPdf } from './printDocument';

/**
 * What printing needs from the outside world. Electron's main process renders
 * in a hidden, script-less window (printToPDF, print); the browser host uses
 * Chromium through Playwright (page.pdf) and records system-print requests.
 */
export interface Printer {
  toPdf: PrintToPdf;
  /** Show the system print dialog for a document. Resolves false if the user cancelled. */
  printWithDialog(html: string, options: PdfOptions): Promise<boolean>;
}
