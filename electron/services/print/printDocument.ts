import { writeFileAtomic } from '../files/write-file-atomic';
import { isAbsolute } from 'node:path';
import { err, ok, type Result } from '../../../shared/result';
import type { PdfOptions } from '../../../shared/print/pdfOptions';

/**
 * Turns a print template's HTML into a PDF file. The PDF engine is passed in
 * (Electron's webContents.printToPDF in main, Playwright's page.pdf in
 * tests), so this service never imports electron and runs in unit tests with
 * a real Chromium.
 */
export type PrintToPdf = (html: string, options: PdfOptions) => Promise<Uint8Array>;

export interface PrintRequest {
  html: string;
  options: PdfOptions;
  printToPdf: PrintToPdf;
  /** Absolute path chosen in the save dialog. */
  outPath: string;
}

export interface PrintedFile {
  path: string;
  bytes: number;
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/**
 * Print to PDF and save it. The PDF is written to a hidden file beside the
 * destination, flushed, then renamed over it, so a failed print never leaves
 * a truncated PDF (or destroys the previous one) under the chosen name.
 */
export async function printDocument(req: PrintRequest): Promise<Result<PrintedFile>> {
  if (typeof req.html !== 'string' || req.html.trim() === '') return err('invalid_request', 'There is nothing to print.');
  if (!isAbsolute(req.outPath) || !/\.pdf$/i.test(req.outPath)) return err('invalid_request', 'Choose where to save the PDF (a file ending in .pdf).');

  let pdf: Uint8Array;
  try {
    pdf = await req.printToPdf(req.html, req.options);
  } catch (e) {
    return err('internal', `Printing to PDF failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!(pdf instanceof Uint8Array) || pdf.length < PDF_MAGIC.length || !PDF_MAGIC.every((b, i) => pdf[i] === b)) {
    return err('internal', 'Printing to PDF produced something that is not a PDF.');
  }

  const written = await writeFileAtomic(req.outPath, pdf);
  if (!written.ok) return written;
  return ok({ path: req.outPath, bytes: pdf.length });
}
