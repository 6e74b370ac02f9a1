import { execFileSync } from 'node:child_process';

/** poppler-utils, as installed on dev machines and CI. */
export function pdfPageCount(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)/m.exec(info);
  if (!m) throw new Error(`pdfinfo gave no page count for ${path}`);
  return Number(m[1]);
}

export function pdfPageSizePts(path: string): { width: number; height: number } {
  const m = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
  if (!m) throw new Error(`pdfinfo gave no page size for ${path}`);
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** Text of each page, in reading order (pdftotext separates pages with a form feed). */
export function pdfPagesText(path: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

export function renderPng(pdfPath: string, outPrefix: string, first = 1, last = 2): void {
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', String(first), '-l', String(last), pdfPath, outPrefix]);
}

export function pdfFonts(path: string): string {
  return execFileSync('pdffonts', [path], { encoding: 'utf8' });
}
