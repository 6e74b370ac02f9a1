import { z } from 'zod';
import { SyncedRecordFields, trimmed } from '../training/common';

/**
 * Canned responses: snippets with placeholders, grouped by category, kept by
 * coordinators and used by everyone (in an update to a requester or a
 * work-log entry, inserted from the keyboard with `/` and the name).
 *
 * A placeholder with no value is never filled with blank text: filling
 * leaves it as written and reports it, and `canSend` is false until every
 * placeholder has a value (the person types it or removes it).
 */

export const PLACEHOLDERS = ['requester.firstName', 'ticket.number', 'ticket.status', 'assignee.name', 'expectedDate'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const PLACEHOLDER_LABELS: Record<Placeholder, string> = {
  'requester.firstName': "Requester's first name",
  'ticket.number': 'Ticket number',
  'ticket.status': 'Ticket status',
  'assignee.name': 'Assignee',
  expectedDate: 'Expected date',
};

export const MAX_CANNED_BODY = 10_000;
/** What follows `/` when inserting from the keyboard: letters, digits, - and _. */
export const CANNED_NAME_RE = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export const CannedResponseInputSchema = z.object({
  name: z
    .string()
    .trim()
    .toLowerCase()
    .regex(CANNED_NAME_RE, 'The name is what you type after / : lower-case letters, digits, - and _ (at most 40)'),
  title: trimmed(120).default(''),
  category: trimmed(80).default(''),
  body: z.string().max(MAX_CANNED_BODY, `The text may be at most ${MAX_CANNED_BODY} characters`).refine((s) => s.trim().length > 0, 'The text is required'),
});
export type CannedResponseInput = z.input<typeof CannedResponseInputSchema>;

export const CannedResponseSchema = CannedResponseInputSchema.extend(SyncedRecordFields);
export type CannedResponse = z.output<typeof CannedResponseSchema>;

const PLACEHOLDER_RE = /\{([A-Za-z][A-Za-z0-9_.]*)\}/g;

export type PlaceholderValues = Partial<Record<Placeholder, string | null | undefined>>;

export interface Filled {
  text: string;
  /** Known placeholders that had no value (left in the text as written). */
  missing: Placeholder[];
  /** Names in braces that are not placeholders (left as written). */
  unknown: string[];
  /** True only when nothing is missing or unknown. */
  canSend: boolean;
}

const isPlaceholder = (name: string): name is Placeholder => (PLACEHOLDERS as readonly string[]).includes(name);

/** Fills the placeholders it has values for; the rest stay in the text and are listed. */
export function fillPlaceholders(body: string, values: PlaceholderValues): Filled {
  const missing = new Set<Placeholder>();
  const unknown = new Set<string>();
  const text = body.replace(PLACEHOLDER_RE, (whole, name: string) => {
    if (!isPlaceholder(name)) {
      unknown.add(name);
      return whole;
    }
    const v = values[name];
    if (v === null || v === undefined || v.trim() === '') {
      missing.add(name);
      return whole;
    }
    return v.trim();
  });
  return { text, missing: [...missing], unknown: [...unknown], canSend: missing.size === 0 && unknown.size === 0 };
}

/** Placeholders still in a text (after filling, or typed by hand): what blocks sending. */
export function unfilledPlaceholders(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER_RE)) out.add(m[1]!);
  return [...out];
}

/** The first name of a full name ("Maria de la Cruz" → "Maria"; "Cruz, Maria" → "Maria"). */
export function firstNameOf(fullName: string | null | undefined): string | null {
  const n = (fullName ?? '').trim();
  if (!n) return null;
  if (n.includes(',')) {
    const after = n.slice(n.indexOf(',') + 1).trim().split(/\s+/)[0];
    return after || null;
  }
  return n.split(/\s+/)[0] ?? null;
}

/**
 * The `/name` being typed at the caret, if any: a `/` at the start of the
 * text or after white space, followed by name characters up to the caret.
 */
export function snippetTrigger(text: string, caret: number): { start: number; query: string } | null {
  let i = caret;
  while (i > 0 && /[a-z0-9_-]/i.test(text[i - 1]!)) i--;
  if (i === 0 || text[i - 1] !== '/') return null;
  const slash = i - 1;
  if (slash > 0 && !/\s/.test(text[slash - 1]!)) return null;
  return { start: slash, query: text.slice(i, caret).toLowerCase() };
}

/** Snippets matching what was typed after `/`: name prefix first, then name or title containing it. */
export function matchSnippets<T extends Pick<CannedResponse, 'name' | 'title' | 'category'>>(query: string, responses: readonly T[], limit = 8): T[] {
  const q = query.toLowerCase();
  const prefix = responses.filter((r) => r.name.startsWith(q));
  const rest = responses.filter((r) => !r.name.startsWith(q) && (r.name.includes(q) || r.title.toLowerCase().includes(q)));
  const byName = (a: T, b: T) => a.name.localeCompare(b.name);
  return [...prefix.sort(byName), ...rest.sort(byName)].slice(0, limit);
}

/** Replaces the `/query` at the caret with the snippet's text; returns the new text and caret. */
export function insertSnippet(text: string, caret: number, trigger: { start: number }, snippet: string): { text: string; caret: number } {
  const next = text.slice(0, trigger.start) + snippet + text.slice(caret);
  return { text: next, caret: trigger.start + snippet.length };
}

/** Responses grouped by category (blank → "General"), categories and names in order. */
export function groupByCategory<T extends Pick<CannedResponse, 'category' | 'name'>>(responses: readonly T[]): { category: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const r of responses) {
    const c = r.category.trim() || 'General';
    groups.set(c, [...(groups.get(c) ?? []), r]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, items]) => ({ category, items: items.sort((a, b) => a.name.localeCompare(b.name)) }));
}
