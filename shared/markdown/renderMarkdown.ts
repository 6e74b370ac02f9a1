import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { checkImageDataUri } from './embeddedImage';

/**
 * Markdown to HTML that is safe to put in any window or printout.
 *
 * - Raw HTML is off (`html: false`), so `<script>`, `<img onerror>`, `<style>`
 *   and friends come out as visible text, never as markup.
 * - Every link and image is checked after parsing, on the tokens, so no path
 *   (inline, reference, autolink, linkify) escapes the rules below.
 * - Links: http(s) and mailto only; any other link keeps its text and loses the link.
 * - Images: only embedded raster images (a checked data: URI, or `image:<id>`
 *   naming one of the handout's images). Nothing is loaded from anywhere, so a
 *   handout prints the same offline and cannot phone home.
 */

export interface RenderOptions {
  /** The handout's embedded images by id, as data: URIs; referenced as `![alt](image:<id>)`. */
  images?: Readonly<Record<string, string>>;
}

export interface RenderedMarkdown {
  html: string;
  /** What was dropped and why, for the editor to show. */
  warnings: string[];
  /** Ids of embedded images the text uses. */
  imageIds: string[];
}

export const IMAGE_REF_PREFIX = 'image:';
const IMAGE_REF_RE = /^image:([A-Za-z0-9_-]{1,64})$/;
const SAFE_LINK_RE = /^(?:https?:\/\/|mailto:)/i;

const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false });
// Let every destination through the parser; the token pass below decides, with
// different rules for links and images, and tells the author what it dropped.
md.validateLink = () => true;
md.renderer.rules.fd_blocked = (tokens, idx) => `<span class="md-blocked">[${md.utils.escapeHtml(tokens[idx]!.content)}]</span>`;

/** Turn a refused image token into a visible, escaped placeholder. */
function blocked(t: Token, content: string): Token {
  t.type = 'fd_blocked';
  t.tag = '';
  t.attrs = null;
  t.children = null;
  t.content = content;
  return t;
}

function altText(token: Token): string {
  return (token.children ?? []).map((c) => c.content).join('') || token.content || 'image';
}

function sanitizeInline(children: Token[], opts: RenderOptions, warnings: Set<string>, imageIds: Set<string>): Token[] {
  const out: Token[] = [];
  const dropClose: boolean[] = []; // a stack: whether each open link was dropped
  for (const t of children) {
    if (t.type === 'link_open') {
      const href = String(t.attrGet('href') ?? '');
      const okLink = SAFE_LINK_RE.test(href);
      dropClose.push(!okLink);
      if (!okLink) {
        warnings.add(`A link to "${href.slice(0, 80)}" was removed: only web (http, https) and email links are allowed.`);
        continue;
      }
      t.attrSet('rel', 'noopener noreferrer');
      out.push(t);
    } else if (t.type === 'link_close') {
      if (!dropClose.pop()) out.push(t);
    } else if (t.type === 'image') {
      const src = String(t.attrGet('src') ?? '');
      const alt = altText(t);
      const ref = IMAGE_REF_RE.exec(src);
      let dataUri: string | undefined;
      if (ref) {
        const id = ref[1]!;
        dataUri = opts.images && Object.hasOwn(opts.images, id) ? opts.images[id] : undefined;
        if (dataUri === undefined) {
          warnings.add(`The image "${alt}" is missing from this handout (id ${id}).`);
          out.push(blocked(t, `Missing image: ${alt}`));
          continue;
        }
        imageIds.add(id);
      } else if (src.startsWith('data:')) {
        dataUri = src;
      } else {
        warnings.add(`The image "${alt}" was not shown: images must be pasted or picked from a file, not linked from ${src.slice(0, 80) || 'elsewhere'}.`);
        out.push(blocked(t, `Image not shown: ${alt}`));
        continue;
      }
      const checked = checkImageDataUri(dataUri, `The image "${alt}"`);
      if (!checked.ok) {
        warnings.add(checked.error.message);
        out.push(blocked(t, `Image not shown: ${alt}`));
        continue;
      }
      t.attrSet('src', checked.value.dataUri);
      out.push(t);
    } else {
      out.push(t);
    }
  }
  return out;
}

export function renderMarkdown(markdown: string, opts: RenderOptions = {}): RenderedMarkdown {
  const warnings = new Set<string>();
  const imageIds = new Set<string>();
  const tokens = md.parse(typeof markdown === 'string' ? markdown : '', {});
  for (const t of tokens) {
    if (t.type === 'inline' && t.children) t.children = sanitizeInline(t.children, opts, warnings, imageIds);
  }
  return { html: md.renderer.render(tokens, md.options, {}), warnings: [...warnings], imageIds: [...imageIds] };
}
