import { pageBox, type PageSetup } from '../../../../shared/print/pageSetup';

export interface PreviewParts {
  /** The document's <head> and <body> content, without styles or anything active. */
  markup: string;
  /** All of its CSS, for a constructed stylesheet. */
  css: string;
}

const STYLE_BLOCK_RE = /<style>([\s\S]*?)<\/style>/g;
const STYLE_ATTR_RE = /\sstyle="([^"]*)"/g;
const ALIGN_RE = /^text-align:\s*(left|right|center);?$/;

/**
 * Prepare a print template's HTML for the preview frame. The app's
 * Content-Security-Policy (style-src 'self') is inherited by srcdoc, blob: and
 * about:blank frames, and even by DOMParser documents, so the template's
 * inline <style> and style="" would be refused (and reported) there. Instead
 * its CSS goes in through the CSSOM (a constructed stylesheet, which the
 * policy does not govern). The CSS is the template's own: the same as the PDF.
 *
 * Working on the string is safe here: the templates escape every `<` and `"`
 * of user text, so a literal `<style>` or ` style="` can only be the
 * template's own markup. The only style attribute Markdown produces is a
 * table column's text-align; any other is dropped.
 */
export function previewParts(html: string, setup: PageSetup, parser: DOMParser = new DOMParser()): PreviewParts {
  const css: string[] = [];
  let withoutStyles = html.replace(STYLE_BLOCK_RE, (_m, block: string) => {
    css.push(block);
    return '';
  });
  const aligns = new Set<string>();
  withoutStyles = withoutStyles.replace(STYLE_ATTR_RE, (_m, value: string) => {
    const align = ALIGN_RE.exec(value.trim())?.[1];
    if (!align) return '';
    aligns.add(align);
    return ` data-fd-align="${align}"`;
  });
  for (const a of aligns) css.push(`[data-fd-align="${a}"]{text-align:${a}}`);

  const doc = parser.parseFromString(withoutStyles, 'text/html');
  // Defence in depth: the frame runs no script anyway, and the templates make none.
  doc.querySelectorAll('script, style, meta, link, base, iframe, object, embed').forEach((el) => el.remove());
  doc.querySelectorAll('*').forEach((el) => {
    for (const attr of [...el.attributes]) if (/^on/i.test(attr.name) || attr.name === 'style') el.removeAttribute(attr.name);
  });
  css.push(paperCss(setup));
  return { markup: doc.documentElement.innerHTML, css: css.join('\n') };
}

/** On screen there are no @page boxes: draw the sheet of paper, its margins, and where pages break. */
function paperCss(setup: PageSetup): string {
  const box = pageBox(setup);
  const m = setup.margins;
  return `
html { background: #5f6670; }
body { width: ${box.width}in; min-height: ${box.height}in; margin: 16px auto; padding: ${m.top}in ${m.right}in ${m.bottom}in ${m.left}in; background: #fff; box-shadow: 0 2px 10px rgb(0 0 0 / 40%); }
.page + .page { margin-top: ${m.bottom + m.top}in; position: relative; }
.page + .page::before { content: 'page break'; position: absolute; left: -${m.left}in; right: -${m.right}in; top: -${(m.bottom + m.top) / 2}in; border-top: 2px dashed #888; font: 8pt sans-serif; color: #555; text-align: center; line-height: 0; }
`;
}
