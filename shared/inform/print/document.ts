import { renderMarkdown } from '../../markdown/renderMarkdown';
import { MATERIAL_KIND_LABELS, type MaterialKind } from '../../training/material';
import { escapeHtml } from '../../print/escapeHtml';
import type { PageSetup } from '../../print/pageSetup';
import { buildPrintHtml, type PrintFont } from '../../print/printHtml';

/**
 * Any document of the knowledge base on paper (Letter or A4): the title
 * block with what a reader needs to trust it (type, state, version, owner,
 * audience, systems, tags, review-by), then the sanitized Markdown. The
 * renderer sends names, never ids, and never HTML; main builds this.
 */
export interface DocumentPrintData {
  kind: MaterialKind;
  title: string;
  system: string;
  /** Published version number; 0 for a draft never versioned. */
  version: number;
  state: 'draft' | 'published' | 'retired';
  /** The owner's name ('' when nobody is named). */
  owner: string;
  audience: 'staff' | 'public';
  systems: readonly string[];
  tags: readonly string[];
  /** YYYY-MM-DD or null. */
  reviewBy: string | null;
  body: string;
  images: readonly { id: string; dataUri: string }[];
  /** "Printed Nov 3, 2026", as the person's locale writes it. */
  printedText: string;
}

export const AUDIENCE_LABELS = { staff: 'Staff only', public: 'Agency users' } as const;
export const STATE_LABELS = { draft: 'Draft', published: 'Published', retired: 'Retired' } as const;

const css = `
.doc-head { border-bottom: 2px solid #222; margin-bottom: 0.2in; padding-bottom: 0.08in; }
.doc-head .kind { font-size: 9pt; text-transform: uppercase; letter-spacing: 0.06em; color: #555; }
.doc-head h1 { margin: 0.02in 0 0.06in; font-size: 20pt; }
.doc-meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.02in 0.15in; font-size: 9pt; color: #333; margin: 0; }
.doc-meta dt { font-weight: 600; }
.doc-meta dd { margin: 0; }
.doc-state { display: inline-block; border: 1px solid #555; padding: 0 5px; border-radius: 3px; font-weight: 600; }
.doc-body ol > li { margin: 0.06in 0; }
.doc-body img { display: block; margin: 0.08in 0; border: 1px solid #ccc; }
.doc-body h1 { font-size: 16pt; } .doc-body h2 { font-size: 13pt; } .doc-body h3 { font-size: 11.5pt; }
.doc-empty { color: #777; font-style: italic; }
`;

/** The header and footer lines of a printed document (Chromium adds the page numbers). */
export function documentBands(d: Pick<DocumentPrintData, 'title' | 'version' | 'state' | 'printedText'>): { header: string; footer: string } {
  return { header: d.title, footer: [d.version > 0 ? `Version ${d.version}` : 'Not versioned yet', STATE_LABELS[d.state], d.printedText].filter(Boolean).join(' · ') };
}

export function documentHtml(d: DocumentPrintData, setup: PageSetup, fonts: readonly PrintFont[]): { html: string; warnings: string[] } {
  const rendered = renderMarkdown(d.body, { images: Object.fromEntries(d.images.map((i) => [i.id, i.dataUri])) });
  const systems = [d.system, ...d.systems.filter((s) => s.trim().toLowerCase() !== d.system.trim().toLowerCase())].filter(Boolean);
  const row = (label: string, value: string) => `<dt>${escapeHtml(label)}</dt><dd>${value}</dd>`;
  const meta = [
    row('State', `<span class="doc-state">${escapeHtml(STATE_LABELS[d.state])}</span> ${escapeHtml(d.version > 0 ? `version ${d.version}` : '')}`),
    row('Owner', d.owner ? escapeHtml(d.owner) : '<span class="doc-empty">Nobody named</span>'),
    row('Audience', escapeHtml(AUDIENCE_LABELS[d.audience])),
    row(systems.length === 1 ? 'System' : 'Systems', escapeHtml(systems.join(', '))),
    d.tags.length ? row('Tags', escapeHtml(d.tags.join(', '))) : '',
    row('Review by', d.reviewBy ? escapeHtml(d.reviewBy) : '<span class="doc-empty">No date set</span>'),
  ].join('');
  const body = `<header class="doc-head">
<div class="kind">${escapeHtml(MATERIAL_KIND_LABELS[d.kind] ?? 'Document')}</div>
<h1>${escapeHtml(d.title)}</h1>
<dl class="doc-meta">${meta}</dl>
</header>
<main class="doc-body">
${d.body.trim() ? rendered.html : '<p class="doc-empty">This document has no text yet.</p>'}
</main>`;
  return { html: buildPrintHtml({ title: d.title, setup, fonts, css, body }), warnings: rendered.warnings };
}
