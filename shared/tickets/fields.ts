import { z } from 'zod';

/**
 * Field building blocks shared by every ticket schema. Text arrives from
 * people pasting out of e-mail, PDFs and court case systems, so each text field
 * is trimmed, capped (checked first and aborting, so a 10 MB paste costs one
 * length check rather than a regex scan), stripped of characters that cannot be
 * stored or displayed safely, and normalised to NFC so that the same words
 * typed on two devices compare equal.
 */

export const LIMITS = {
  id: 64,
  title: 200,
  description: 100_000,
  category: 100,
  tag: 40,
  tags: 20,
  reason: 2_000,
  resolutionText: 20_000,
  rootCause: 20_000,
  workLogBody: 100_000,
  name: 200,
  shortText: 500,
} as const;

const fmt = (n: number): string => n.toLocaleString('en-US');

// C0 and C1 controls. Tab, line feed and carriage return are allowed in
// multi-line text; nothing else in these ranges is ever meaningful in a ticket.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
// A lone surrogate is not a character at all: IndexedDB stores it, but it
// renders as garbage and breaks JSON round-trips on some servers.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LINE_BREAKS = /[\t\r\n]+/g;

function describeCodePoint(s: string, re: RegExp): string {
  const m = re.exec(s);
  if (!m) return 'an invalid character';
  const cp = m[0].codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

export interface TextOptions {
  /** Required fields reject empty (after trimming) input. */
  required?: boolean;
  /** Multi-line fields keep line breaks; single-line fields turn them into spaces. */
  multiline?: boolean;
}

/** A trimmed, capped, NFC-normalised text field with messages that name the field. */
export function text(label: string, max: number, opts: TextOptions = {}) {
  const control = opts.multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE;
  let s = z.string({ error: `${label} must be text` });
  if (!opts.multiline) s = s.overwrite((v) => v.replace(LINE_BREAKS, ' '));
  s = s.trim().max(max, {
    error: (iss) => {
      const len = typeof iss.input === 'string' ? iss.input.length : 0;
      return `${label} is too long: ${fmt(len)} characters, the limit is ${fmt(max)}`;
    },
    abort: true,
  });
  if (opts.required) s = s.min(1, { error: `${label} is required`, abort: true });
  return s
    .refine((v) => !control.test(v), {
      error: (iss) =>
        `${label} contains a control character (${describeCodePoint(String(iss.input), control)}) that cannot be stored; remove it`,
      abort: true,
    })
    .refine((v) => !LONE_SURROGATE.test(v), {
      error: `${label} contains a broken character (a lone UTF-16 surrogate); paste it again from the source`,
      abort: true,
    })
    .overwrite((v) => v.normalize('NFC'));
}

/** A record id (uuidv7 in practice; any short printable key is accepted). */
export function idField(label: string) {
  return z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(LIMITS.id, `${label} must be at most ${LIMITS.id} characters`)
    .refine((v) => !CONTROL_SINGLE_LINE.test(v), `${label} is not a valid id`);
}

/**
 * An instant as a UTC ISO string, rewritten to the canonical
 * `YYYY-MM-DDTHH:mm:ss.sssZ` form: every instant is then exactly 24 characters
 * and string order is time order, which is what the Dexie indexes sort by.
 */
export function instant(label: string) {
  return z.iso
    .datetime({ error: `${label} must be a UTC date and time such as 2025-03-14T16:30:00Z` })
    .overwrite((v) => {
      // Checks run on after a failed one, so the rewrite must tolerate garbage.
      const ms = Date.parse(v);
      return Number.isNaN(ms) ? v : new Date(ms).toISOString();
    });
}

/** A calendar date `YYYY-MM-DD` that exists (rejects 2025-02-30). */
export function isoDate(label: string) {
  return z.iso.date({ error: `${label} must be a date such as 2025-07-04` });
}

/** Tags: trimmed, lower-cased, de-duplicated, so filters never miss `VPN` vs `vpn`. */
export const TagsSchema = z
  .array(text('Tag', LIMITS.tag, { required: true }), { error: 'Tags must be a list' })
  .max(LIMITS.tags, `At most ${LIMITS.tags} tags`)
  .overwrite((tags) => [...new Set(tags.map((t) => t.toLowerCase()))]);

/** Bookkeeping every synced record carries (see shared/sync/ops.ts). */
export const syncMeta = {
  stamps: z.record(z.string(), z.string()).default({}),
  deleted: z.union([z.literal(0), z.literal(1)]).default(0),
};
