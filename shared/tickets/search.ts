/**
 * Full-text search without a search engine: each ticket stores `words`, a
 * sorted list of folded words from its number, title, requester name,
 * description and work log, indexed multi-entry in IndexedDB. A query is split
 * the same way; every query word must be a prefix of some ticket word. The
 * list screen asks the index for the longest query word (`startsWith`, the
 * most selective) and checks the rest with `matchesQuery`.
 */

export const MIN_WORD_LENGTH = 2;
/** A word longer than this is cut: prefix search still finds it, and one pasted base64 blob cannot bloat the index. */
export const MAX_WORD_LENGTH = 32;
/** Per ticket, so one huge description cannot dominate the index. */
export const MAX_WORDS = 400;
export const MAX_QUERY_TERMS = 8;

const MARKS = /\p{M}+/gu;
// eslint-disable-next-line no-control-regex -- the whole ASCII range, controls included
const ASCII = /^[\u0000-\u007f]*$/;
const SEPARATORS = /[^\p{L}\p{N}]+/u;

/**
 * Lower-case and strip accents: "Méndez" and "MENDEZ" both become "mendez".
 * NFKD also unfolds compatibility forms (full-width digits, ligatures such as
 * "ﬁ"), so text pasted from PDFs matches what people type.
 */
export function fold(text: string): string {
  // Most ticket text is plain ASCII, which NFKD and mark stripping leave as is.
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

const ASCII_SEPARATORS = /[^a-z0-9]+/;

/** Folded words of a text, cut to MAX_WORD_LENGTH, in order, with repeats. */
function wordsOf(text: string, minLength: number): string[] {
  const ascii = ASCII.test(text);
  const parts = ascii ? text.toLowerCase().split(ASCII_SEPARATORS) : fold(text).split(SEPARATORS);
  const out: string[] = [];
  for (const raw of parts) {
    if (raw.length < minLength) continue;
    out.push(raw.length > MAX_WORD_LENGTH ? raw.slice(0, MAX_WORD_LENGTH) : raw);
  }
  return out;
}

/** Unique words of the texts in order of importance (earlier texts win when the cap is reached), sorted. */
export function tokenize(texts: readonly string[], max = MAX_WORDS): string[] {
  const all: string[] = [];
  for (const t of texts) if (t) for (const w of wordsOf(t, MIN_WORD_LENGTH)) all.push(w);
  if (all.length <= max) {
    // The usual case: sort and drop repeats, no hashing of every word.
    all.sort(byCodeUnit);
    let n = 0;
    for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i] as string;
    all.length = n;
    return all;
  }
  const out = new Set<string>();
  for (const w of all) {
    out.add(w);
    if (out.size >= max) break;
  }
  return Array.from(out).sort(byCodeUnit);
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface SearchSource {
  number: string;
  title: string;
  description: string;
  requesterName?: string;
  workLogBodies?: readonly string[];
}

/**
 * The `words` of a ticket. The number is also indexed without its leading
 * zeros, so "42" finds KX7Q-00042 as people say it on the phone.
 */
export function searchWords(src: SearchSource): string[] {
  const seq = /-0*(\d+)$/.exec(src.number)?.[1] ?? '';
  const numberWords = `${src.number} ${seq.length >= MIN_WORD_LENGTH ? seq : ''}`;
  return tokenize([numberWords, src.title, src.requesterName ?? '', src.description, ...(src.workLogBodies ?? [])]);
}

export interface ParsedQuery {
  /** Folded query words; a word that is a prefix of another is dropped (it adds nothing). */
  terms: string[];
  /** The term to look up in the index: the longest, as the most selective. Null for an empty query. */
  indexTerm: string | null;
}

export function parseQuery(query: string): ParsedQuery {
  const uniq = [...new Set(wordsOf(query.slice(0, 1000), 1))];
  const terms = uniq.filter((t) => !uniq.some((o) => o !== t && o.startsWith(t))).slice(0, MAX_QUERY_TERMS);
  let indexTerm: string | null = null;
  for (const t of terms) if (indexTerm === null || t.length > indexTerm.length) indexTerm = t;
  return { terms, indexTerm };
}

/** First index whose word is >= term (words are sorted). */
function lowerBound(words: readonly string[], term: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((words[mid] as string) < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function hasPrefix(words: readonly string[], term: string): boolean {
  const w = words[lowerBound(words, term)];
  return w !== undefined && w.startsWith(term);
}

/** Every term is a prefix of some word. An empty query matches everything. */
export function matchesQuery(words: readonly string[], query: ParsedQuery | string): boolean {
  const q = typeof query === 'string' ? parseQuery(query) : query;
  return q.terms.every((t) => hasPrefix(words, t));
}
