import { renderMarkdown } from '../../markdown/renderMarkdown';
import { MATERIAL_KIND_LABELS, type MaterialKind } from '../material';
import { escapeHtml } from '../../print/escapeHtml';
import type { PageSetup } from '../../print/pageSetup';
import { buildPrintHtml, type PrintFont } from '../../print/printHtml';

export interface HandoutInput {
  material: {
    kind: MaterialKind;
    title: string;
    system: string;
    /** Published version number; 0 for a draft. */
    version: number;
    body: string;
    images: readonly { id: string; dataUri: string }[];
  };
  /** Shown under the title, e.g. "Revised March 10, 2026". */
  dateText?: string;
  organization?: string;
  setup: PageSetup;
  fonts: readonly PrintFont[];
}

const KIND_LABEL: Record<MaterialKind, string> = MATERIAL_KIND_LABELS;

const css = `
.doc-head { border-bottom: 2px solid #222; margin-bottom: 0.2in; padding-bottom: 0.08in; }
.doc-head .kind { font-size: 9pt; text-transform: uppercase; letter-spacing: 0.06em; color: #555; }
.doc-head h1 { margin: 0.02in 0 0.04in; font-size: 20pt; }
.doc-head .meta { font-size: 9pt; color: #444; }
.doc-body ol > li { margin: 0.06in 0; }
.doc-body ol > li::marker { font-weight: 700; }
.doc-body img { display: block; margin: 0.08in 0; border: 1px solid #ccc; }
.doc-body h1 { font-size: 16pt; } .doc-body h2 { font-size: 13pt; } .doc-body h3 { font-size: 11.5pt; }
`;

/** A handout or work instruction: a title block, then the sanitized Markdown. Also returns what the sanitizer dropped. */
export function handoutHtml(input: HandoutInput): { html: string; warnings: string[] } {
  const { material } = input;
  const rendered = renderMarkdown(material.body, { images: Object.fromEntries(material.images.map((i) => [i.id, i.dataUri])) });
  const meta = [
    material.system,
    material.version > 0 ? `Version ${material.version}` : 'Draft',
    input.dateText ?? '',
    input.organization ?? '',
  ].filter((s) => s !== '');
  const body = `<header class="doc-head">
<div class="kind">${escapeHtml(KIND_LABEL[material.kind] ?? 'Handout')}</div>
<h1>${escapeHtml(material.title)}</h1>
<div class="meta">${meta.map(escapeHtml).join(' · ')}</div>
</header>
<main class="doc-body">
${rendered.html}
</main>`;
  return { html: buildPrintHtml({ title: material.title, setup: input.setup, fonts: input.fonts, css, body }), warnings: rendered.warnings };
}
