import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { err, ok, type Result } from '../../../shared/result';
import type { PdfOptions } from '../../../shared/training/print/pdfOptions';

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

function fileError(error: unknown, path: string): string {
  const code = (error as { code?: string } | null)?.code;
  const name = basename(path);
  switch (code) {
    case 'ENOENT':
      return `The folder for "${name}" does not exist.`;
    case 'EACCES':
    case 'EPERM':
      return `FieldDesk may not save "${name}" there: permission denied. Choose another folder.`;
    case 'EBUSY':
      return `"${name}" is open in another program. Close it and try again.`;
    case 'ENOSPC':
      return `The disk is full; "${name}" could not be saved.`;
    case 'EISDIR':
      return `"${name}" is a folder, not a file.`;
    default:
      return `Could not save "${name}": ${error instanceof Error ? error.message : String(error)}`;
  }
}

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

  const temp = join(dirname(req.outPath), `.${basename(req.outPath)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(pdf);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, req.outPath);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    return err('unavailable', fileError(e, req.outPath));
  }
  return ok({ path: req.outPath, bytes: pdf.length });
}
