/**
 * Pages in a PDF, read from its page objects (`/Type /Page`, not `/Pages`).
 * Chromium writes page dictionaries uncompressed, so this is exact for what
 * our printer produces; for anything else it answers null rather than guess.
 */
export function countPdfPages(pdf: Uint8Array): number | null {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const n = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  return n > 0 ? n : null;
}
