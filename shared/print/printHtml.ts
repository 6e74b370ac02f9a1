import { escapeHtml } from './escapeHtml';
import { inches, pageBox, type PageSetup } from './pageSetup';

/**
 * The shell every printout shares: fonts, paper, and print CSS, in one
 * self-contained HTML document. A strict Content-Security-Policy backs up the
 * escaping: no script runs and nothing loads from the network even if
 * something slipped through.
 */

export interface PrintFont {
  weight: 400 | 600 | 700;
  /** A data:font/woff2 URI (preferred: works in any window) or a file:/// URL. */
  src: string;
  unicodeRange?: string;
}

export const FONT_FAMILY = 'Inter';
const FONT_STACK = `'${FONT_FAMILY}', 'Helvetica Neue', Arial, sans-serif`;

const FONT_SRC_RE = /^(?:data:font\/woff2;base64,[A-Za-z0-9+/=]+|file:\/\/\/[A-Za-z0-9._~!$&*+,;=:@%/-]+)$/;
const UNICODE_RANGE_RE = /^U\+[0-9A-F]{1,6}(?:-[0-9A-F]{1,6})?(?:,\s*U\+[0-9A-F]{1,6}(?:-[0-9A-F]{1,6})?)*$/i;

/** @font-face rules for the fonts that pass the checks; a bad source is skipped, falling back to system fonts. */
export function fontFaceCss(fonts: readonly PrintFont[]): string {
  return fonts
    .filter((f) => FONT_SRC_RE.test(f.src) && [400, 600, 700].includes(f.weight) && (!f.unicodeRange || UNICODE_RANGE_RE.test(f.unicodeRange)))
    .map(
      (f) =>
        `@font-face{font-family:'${FONT_FAMILY}';font-style:normal;font-weight:${f.weight};font-display:block;src:url('${f.src}') format('woff2');${f.unicodeRange ? `unicode-range:${f.unicodeRange};` : ''}}`,
    )
    .join('\n');
}

const baseCss = (setup: PageSetup) => {
  const box = pageBox(setup);
  const m = setup.margins;
  return `
@page { size: ${setup.size}${setup.landscape ? ' landscape' : ''}; margin: ${inches(m.top)} ${inches(m.right)} ${inches(m.bottom)} ${inches(m.left)}; }
*, *::before, *::after { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${FONT_STACK}; font-size: 10.5pt; line-height: 1.4; color: #111; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1, h2, h3, h4, h5, h6 { font-weight: 700; line-height: 1.2; margin: 1em 0 0.4em; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; } h3 { font-size: 12pt; } h4, h5, h6 { font-size: 10.5pt; }
p, li { orphans: 3; widows: 3; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
thead { display: table-header-group; }
tr, img, pre, blockquote { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: 600; }
img { max-width: 100%; max-height: ${inches(box.contentHeight * 0.9)}; height: auto; }
code, pre { font-family: 'DejaVu Sans Mono', Consolas, monospace; font-size: 9pt; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: 6px; }
a { color: #0645ad; }
.md-blocked { color: #8a1c1c; font-style: italic; }
.page { break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
`;
};

export interface PrintHtmlInput {
  title: string;
  setup: PageSetup;
  fonts: readonly PrintFont[];
  /** Trusted CSS from the template itself (never user input). */
  css?: string;
  /** Body HTML, already escaped or sanitized by the caller. */
  body: string;
  lang?: string;
}

export function buildPrintHtml(input: PrintHtmlInput): string {
  const fontSources = input.fonts.some((f) => f.src.startsWith('file:')) ? 'data: file:' : 'data:';
  const csp = `default-src 'none'; img-src data:; font-src ${fontSources}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="${escapeHtml(input.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${escapeHtml(input.title)}</title>
<style>
${fontFaceCss(input.fonts)}
${baseCss(input.setup)}
${input.css ?? ''}
</style>
</head>
<body>
${input.body}
</body>
</html>
`;
}
