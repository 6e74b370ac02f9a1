import { diffLines } from 'diff';
import { z } from 'zod';
import { fold, hasPrefix, parseQuery, tokenize } from '../tickets/search';
import { IdSchema, InstantSchema, SyncedRecordFields } from '../training/common';
import type { Material, MaterialVersion, MaterialVersionDraft } from '../training/material';
import { nextMaterialVersion } from '../training/material';

/**
 * The document library (knowledge base): training's materials, with types,
 * owner, audience, systems, tags, review-by and state (shared/training/material.ts).
 * Every saved change is a version (materialVersions, append-only); this file
 * holds the rules over them: comparing two versions, restoring one as a new
 * version, what needs review, search words, and the documents suggested for a
 * ticket.
 */

type DocLike = Pick<Material, 'id' | 'kind' | 'title' | 'system' | 'body' | 'state' | 'systems' | 'tags' | 'reviewBy' | 'deleted'>;

// ---------------------------------------------------------------------------
// Comparison

export type DiffRowKind = 'same' | 'removed' | 'added' | 'changed';

/** One row of a side-by-side comparison: the left (older) line and the right (newer) line. */
export interface DiffRow {
  kind: DiffRowKind;
  left: string | null;
  right: string | null;
  leftNo: number | null;
  rightNo: number | null;
}

export interface Comparison {
  rows: DiffRow[];
  added: number;
  removed: number;
  /** Fields other than the text that differ (title, type, system…), with both values. */
  fields: { field: string; left: string; right: string }[];
}

const splitLines = (value: string): string[] => {
  if (value === '') return [];
  const lines = value.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
};

/**
 * A side-by-side comparison of two texts (the diff package finds the lines):
 * a removed run next to an added run pairs up line by line as "changed".
 */
export function compareTexts(left: string, right: string): Pick<Comparison, 'rows' | 'added' | 'removed'> {
  const parts = diffLines(left.replace(/\r\n/g, '\n'), right.replace(/\r\n/g, '\n'));
  const rows: DiffRow[] = [];
  let l = 1;
  let r = 1;
  let added = 0;
  let removed = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const lines = splitLines(part.value);
    if (part.removed) {
      const next = parts[i + 1];
      const addedLines = next?.added ? splitLines(next.value) : [];
      if (next?.added) i++;
      const n = Math.max(lines.length, addedLines.length);
      for (let k = 0; k < n; k++) {
        const a = lines[k] ?? null;
        const b = addedLines[k] ?? null;
        rows.push({ kind: a !== null && b !== null ? 'changed' : a !== null ? 'removed' : 'added', left: a, right: b, leftNo: a !== null ? l++ : null, rightNo: b !== null ? r++ : null });
      }
      removed += lines.length;
      added += addedLines.length;
    } else if (part.added) {
      for (const b of lines) rows.push({ kind: 'added', left: null, right: b, leftNo: null, rightNo: r++ });
      added += lines.length;
    } else {
      for (const s of lines) rows.push({ kind: 'same', left: s, right: s, leftNo: l++, rightNo: r++ });
    }
  }
  return { rows, added, removed };
}

type VersionLike = Pick<MaterialVersion, 'title' | 'kind' | 'system' | 'body' | 'state' | 'audience' | 'systems' | 'tags' | 'reviewBy'>;

/** Two versions side by side: their text line by line, and the other fields that differ. */
export function compareVersions(older: VersionLike, newer: VersionLike): Comparison {
  const fields: Comparison['fields'] = [];
  const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === null || v === undefined ? '' : String(v));
  for (const f of ['title', 'kind', 'system', 'state', 'audience', 'systems', 'tags', 'reviewBy'] as const) {
    const a = show(older[f]);
    const b = show(newer[f]);
    if (a !== b) fields.push({ field: f, left: a, right: b });
  }
  return { ...compareTexts(older.body, newer.body), fields };
}

/**
 * Restoring an old version makes a new version with its content (history is
 * never rewritten) and the material's working copy to match. The state stays
 * the material's own: restoring text does not publish or retire it.
 */
export function restoreVersion(input: {
  material: Material;
  version: MaterialVersion;
  versions: readonly Pick<MaterialVersion, 'materialId' | 'version'>[];
  now: string;
  by: string;
  newId: () => string;
}): { material: Material; version: MaterialVersionDraft } {
  const { version: v } = input;
  const material: Material = {
    ...input.material,
    kind: v.kind,
    title: v.title,
    system: v.system,
    body: v.body,
    images: v.images.map((i) => ({ ...i })),
    audience: v.audience,
    systems: [...v.systems],
    tags: [...v.tags],
    reviewBy: v.reviewBy,
    updatedAt: input.now,
  };
  const draft = nextMaterialVersion({ material, versions: input.versions, now: input.now, publishedBy: input.by, newId: input.newId, changeNote: `Restored version ${v.version}` });
  return { material: { ...material, version: draft.version }, version: draft };
}

// ---------------------------------------------------------------------------
// Review

/** Published documents past their review-by date (on `today`, YYYY-MM-DD), oldest first. */
export function needsReview<T extends Pick<DocLike, 'state' | 'reviewBy' | 'deleted' | 'title'>>(docs: readonly T[], today: string): T[] {
  return docs
    .filter((d) => d.deleted !== 1 && d.state !== 'retired' && d.reviewBy !== null && d.reviewBy < today)
    .sort((a, b) => (a.reviewBy! < b.reviewBy! ? -1 : a.reviewBy! > b.reviewBy! ? 1 : a.title.localeCompare(b.title)));
}

// ---------------------------------------------------------------------------
// Search

/** Markdown images (`![alt](image:…)`) and link targets carry no words worth finding. */
const IMAGE_OR_URL = /!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)/g;

/** The search words of a document: title first (kept when the cap is reached), then systems and tags, then the text. */
export function documentWords(doc: Pick<DocLike, 'title' | 'system' | 'systems' | 'tags' | 'body'>): string[] {
  return tokenize([doc.title, doc.system, ...(doc.systems ?? []), ...(doc.tags ?? []), doc.body.replace(IMAGE_OR_URL, ' ')], 2000);
}

/** Whether a document's words match every word of the query (prefix match, accents folded). */
export function matchesDocument(words: readonly string[], query: string): boolean {
  const q = parseQuery(query);
  if (q.terms.length === 0) return true;
  return q.terms.every((t) => hasPrefix(words, t));
}

// ---------------------------------------------------------------------------
// Suggestions on a ticket

export interface Suggestion<T> {
  doc: T;
  score: number;
  /** Why: "system" and/or the words it shares with the ticket. */
  system: boolean;
  sharedWords: string[];
}

const STOP = new Set(['the', 'and', 'for', 'with', 'not', 'can', 'cannot', 'does', 'from', 'this', 'that', 'when', 'are', 'was', 'has', 'have', 'after', 'user', 'users', 'please', 'help', 'issue', 'problem', 'error']);

/**
 * Documents for a ticket: published ones (drafts only if asked), scored by
 * the ticket's system (named on the document) and the words of its title and
 * description found in the document's words. Retired ones never.
 */
export function suggestDocuments<T extends DocLike & { words?: readonly string[] }>(input: {
  ticket: { title: string; description?: string; systemName: string | null };
  docs: readonly T[];
  includeDrafts?: boolean;
  limit?: number;
}): Suggestion<T>[] {
  const sys = input.ticket.systemName ? fold(input.ticket.systemName.trim()) : null;
  const ticketWords = tokenize([input.ticket.title, input.ticket.description ?? ''], 200).filter((w) => w.length >= 3 && !STOP.has(w));
  const out: Suggestion<T>[] = [];
  for (const d of input.docs) {
    if (d.deleted === 1 || d.state === 'retired' || (d.state === 'draft' && !input.includeDrafts)) continue;
    const systemHit = sys !== null && [d.system, ...(d.systems ?? [])].some((s) => fold(s.trim()) === sys);
    const words = new Set(d.words ?? documentWords(d));
    const shared = ticketWords.filter((w) => words.has(w));
    const score = (systemHit ? 3 : 0) + shared.length;
    if (score === 0 || (!systemHit && shared.length < 2)) continue;
    out.push({ doc: d, score, system: systemHit, sharedWords: shared });
  }
  return out.sort((a, b) => b.score - a.score || a.doc.title.localeCompare(b.doc.title)).slice(0, input.limit ?? 5);
}

// ---------------------------------------------------------------------------
// Links between tickets and documents

export const TICKET_DOCUMENT_RELATIONS = ['resolvedWith', 'referenced'] as const;

/** A ticket resolved with (or referring to) a document. */
export const TicketDocumentSchema = z.object({
  ticketId: IdSchema,
  materialId: IdSchema,
  relation: z.enum(TICKET_DOCUMENT_RELATIONS).default('resolvedWith'),
  /** The version in force when linked (0 for a draft never versioned). */
  version: z.number().int().min(0).default(0),
  linkedBy: IdSchema,
  linkedAt: InstantSchema,
  ...SyncedRecordFields,
});
export type TicketDocument = z.output<typeof TicketDocumentSchema>;

/** Tickets solved with each document, counted once per ticket. */
export function solvedCounts(links: readonly Pick<TicketDocument, 'ticketId' | 'materialId' | 'relation' | 'deleted'>[]): Map<string, number> {
  const seen = new Set<string>();
  const out = new Map<string, number>();
  for (const l of links) {
    if (l.deleted === 1 || l.relation !== 'resolvedWith') continue;
    const key = `${l.materialId}\u0000${l.ticketId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.set(l.materialId, (out.get(l.materialId) ?? 0) + 1);
  }
  return out;
}

/** The deterministic id of a ticket–document link: linking twice (on two devices) is one record. */
export function ticketDocumentId(ticketId: string, materialId: string): string {
  const whole = `td_${ticketId}_${materialId}`;
  if (whole.length <= 64) return whole;
  // Long ids: two FNV-1a hashes of the pair (64 bits) keep it short and still one id per pair.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < whole.length; i++) {
    const c = whole.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `td_${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}
