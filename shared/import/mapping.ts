import { splitZoneHeader, type ColumnDef } from '../export/columns';

/** A field the import fills in: a column definition plus what is needed to find it in someone else's spreadsheet. */
export interface ImportField extends ColumnDef {
  required?: boolean;
  /** Other header texts people use for this field ("E-mail", "Mail"). */
  aliases?: readonly string[];
}

/** Field key → 0-based column index in the file. Fields left out are not imported. */
export type ColumnMapping = Record<string, number>;

/** Lower case, no accents, punctuation and spacing collapsed: "E-Mail " and "email" compare equal. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const compact = (s: string) => s.replace(/ /g, '');

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Sørensen–Dice similarity of letter pairs: tolerant of typos, plurals and word order. */
function dice(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const A = bigrams(a);
  const B = bigrams(b);
  let overlap = 0;
  for (const [g, n] of A) overlap += Math.min(n, B.get(g) ?? 0);
  return (2 * overlap) / (a.length - 1 + (b.length - 1));
}

/** 1 − (optimal string alignment distance / length): catches swapped letters ("Emial"), which letter pairs miss. */
function editSimilarity(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return 0;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return 1 - d[n]![m]! / Math.max(n, m);
}

function similarity(header: string, candidate: string): number {
  // "Created (America/Los_Angeles)" is the Created column of an export that names its time zone.
  const h = normalizeHeader(splitZoneHeader(header).header);
  const c = normalizeHeader(candidate);
  if (!h || !c) return 0;
  if (h === c) return 1;
  if (compact(h) === compact(c)) return 0.97;
  const hWords = h.split(' ');
  const cWords = c.split(' ');
  // "Requester name" for "Requester", "Email address" for "Email": every word of the shorter appears in the longer.
  const [short, long] = hWords.length <= cWords.length ? [hWords, cWords] : [cWords, hWords];
  if (short.every((w) => long.includes(w))) return 0.85 - 0.05 * (long.length - short.length);
  return Math.max(dice(compact(h), compact(c)), editSimilarity(compact(h), compact(c))) * 0.9;
}

export const MAPPING_THRESHOLD = 0.6;

function candidates(field: ImportField): string[] {
  return [field.header, field.key, ...(field.aliases ?? [])];
}

/**
 * A first guess at which file column feeds which field, best matches first,
 * each column used once. The person confirms or changes it; nothing here is
 * final.
 */
export function suggestMapping(headers: readonly string[], fields: readonly ImportField[]): ColumnMapping {
  const pairs: Array<{ key: string; index: number; score: number }> = [];
  fields.forEach((field) => {
    headers.forEach((header, index) => {
      const score = Math.max(...candidates(field).map((c) => similarity(header, c)));
      if (score >= MAPPING_THRESHOLD) pairs.push({ key: field.key, index, score });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.index - b.index);
  const mapping: ColumnMapping = {};
  const usedColumns = new Set<number>();
  for (const p of pairs) {
    if (p.key in mapping || usedColumns.has(p.index)) continue;
    mapping[p.key] = p.index;
    usedColumns.add(p.index);
  }
  return mapping;
}

/** Problems that stop an import before any row is read. */
export function checkMapping(mapping: ColumnMapping, headers: readonly string[], fields: readonly ImportField[]): string[] {
  const problems: string[] = [];
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const seen = new Map<number, string>();
  for (const [key, index] of Object.entries(mapping)) {
    const field = byKey.get(key);
    if (!field) {
      problems.push(`"${key}" is not a field that can be imported`);
      continue;
    }
    if (!Number.isInteger(index) || index < 0 || index >= headers.length) {
      problems.push(`${field.header} is mapped to a column the file does not have`);
      continue;
    }
    const other = seen.get(index);
    if (other) problems.push(`Column "${headers[index]}" is mapped to both ${other} and ${field.header}`);
    seen.set(index, field.header);
  }
  for (const f of fields) {
    if (f.required && !(f.key in mapping)) problems.push(`${f.header} is required: choose the column that holds it`);
  }
  return problems;
}

/** Header cells as shown to the person: blanks get a name so they can still be chosen or ignored. */
export function displayHeaders(cells: readonly unknown[]): string[] {
  return cells.map((c, i) => {
    const text = c === null || c === undefined ? '' : String(c).trim();
    return text || `Column ${i + 1}`;
  });
}
