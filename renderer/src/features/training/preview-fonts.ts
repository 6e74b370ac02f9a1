import type { PrintFont } from '../../../../shared/print/printHtml';
import latin400 from '../../../../resources/fonts/inter-latin-400-normal.woff2?inline';
import latin600 from '../../../../resources/fonts/inter-latin-600-normal.woff2?inline';
import latin700 from '../../../../resources/fonts/inter-latin-700-normal.woff2?inline';

/**
 * The print font (Latin subset) for the on-screen preview, embedded at build
 * time, so the preview wraps lines like the PDF does. Main embeds every
 * subset when it prints.
 */
export const PREVIEW_FONTS: PrintFont[] = [
  { weight: 400, src: latin400 },
  { weight: 600, src: latin600 },
  { weight: 700, src: latin700 },
].filter((f): f is PrintFont => f.src.startsWith('data:font/woff2;base64,'));
