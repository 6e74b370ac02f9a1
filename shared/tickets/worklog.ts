import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { parseWith } from '../validation';
import { idField, instant, LIMITS, syncMeta, text } from './fields';
import type { Ticket } from './schema';

/**
 * Work-log entries: append-only. An entry is never edited or deleted; a
 * correction is a new entry. That makes the log mergeable by union across
 * devices and trustworthy as a record of what was said to a court or school.
 */
export const WORK_LOG_KINDS = ['public_update', 'internal_note', 'phone_call', 'email', 'site_visit'] as const;
export type WorkLogKind = (typeof WORK_LOG_KINDS)[number];

/** Kinds that reach the requester, and so count as a response for the SLA. */
export const RESPONSE_KINDS: ReadonlySet<WorkLogKind> = new Set(['public_update', 'phone_call', 'email', 'site_visit']);

const MAX_MINUTES = 24 * 60;
/** A device clock a few minutes fast must not make entries unsaveable. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const minutes = z
  .number({ error: 'Minutes must be a number' })
  .int('Minutes must be whole minutes')
  .min(0, 'Minutes cannot be negative')
  .max(MAX_MINUTES, `One entry can record at most ${MAX_MINUTES} minutes (24 hours); split longer work`);

export const WorkLogEntrySchema = z.object({
  id: idField('Id'),
  ticketId: idField('Ticket'),
  kind: z.enum(WORK_LOG_KINDS, { error: 'Kind must be public update, internal note, phone call, e-mail or site visit' }),
  authorId: idField('Author'),
  /** When the work happened (may be earlier than createdAt: a call logged afterwards). */
  at: instant('Time'),
  minutes,
  body: text('Entry', LIMITS.workLogBody, { required: true, multiline: true }),
  createdAt: instant('Created'),
  /** Set on copies made when a duplicate ticket was merged (merge.ts). */
  copiedFrom: z.object({ ticketId: idField('Ticket'), entryId: idField('Entry') }).nullable().default(null),
  ...syncMeta,
});
export type WorkLogEntry = z.output<typeof WorkLogEntrySchema>;

export const WorkLogInputSchema = z.object({
  kind: WorkLogEntrySchema.shape.kind,
  body: WorkLogEntrySchema.shape.body,
  minutes: minutes.default(0),
  at: instant('Time').optional(),
});
export type WorkLogInput = z.input<typeof WorkLogInputSchema>;

export interface WorkLogContext {
  id: string;
  ticket: Pick<Ticket, 'id' | 'status' | 'createdAt'>;
  authorId: string;
  now: string;
}

/** Validate a new entry. Entries may be added to any ticket except a cancelled one. */
export function makeWorkLogEntry(input: WorkLogInput, ctx: WorkLogContext): Result<WorkLogEntry> {
  const parsed = parseWith(WorkLogInputSchema, input, 'work-log entry');
  if (!parsed.ok) return parsed;
  if (ctx.ticket.status === 'cancelled') return err('conflict', 'A cancelled ticket takes no more work-log entries');
  const at = parsed.value.at ?? ctx.now;
  if (Date.parse(at) > Date.parse(ctx.now) + FUTURE_TOLERANCE_MS)
    return err('invalid_request', 'The time of the work cannot be in the future', { at: 'Cannot be in the future' });
  return ok({
    id: ctx.id,
    ticketId: ctx.ticket.id,
    kind: parsed.value.kind,
    authorId: ctx.authorId,
    at,
    minutes: parsed.value.minutes,
    body: parsed.value.body,
    createdAt: ctx.now,
    copiedFrom: null,
    stamps: {},
    deleted: 0,
  });
}

export const countsAsResponse = (entry: Pick<WorkLogEntry, 'kind'>): boolean => RESPONSE_KINDS.has(entry.kind);

/**
 * The ticket after an entry is logged: the first entry that reaches the
 * requester stops the first-response clock. Returns the same object when
 * nothing changes, so callers can skip the write.
 */
export function applyFirstResponse(ticket: Ticket, entry: Pick<WorkLogEntry, 'kind' | 'at'>): Ticket {
  if (ticket.firstRespondedAt !== null || !countsAsResponse(entry)) return ticket;
  const at = entry.at < ticket.createdAt ? ticket.createdAt : entry.at;
  return { ...ticket, firstRespondedAt: at, updatedAt: at > ticket.updatedAt ? at : ticket.updatedAt };
}

export interface TimeTotals {
  count: number;
  totalMinutes: number;
  byKind: Record<WorkLogKind, number>;
  byAuthor: Record<string, number>;
}

/** Minutes spent, overall, by kind and by author. Entries are counted once even if listed twice. */
export function timeTotals(entries: readonly Pick<WorkLogEntry, 'id' | 'kind' | 'authorId' | 'minutes' | 'deleted'>[]): TimeTotals {
  const byKind = Object.fromEntries(WORK_LOG_KINDS.map((k) => [k, 0])) as Record<WorkLogKind, number>;
  const byAuthor: Record<string, number> = {};
  const seen = new Set<string>();
  let total = 0;
  for (const e of entries) {
    if (e.deleted === 1 || seen.has(e.id)) continue;
    seen.add(e.id);
    total += e.minutes;
    byKind[e.kind] += e.minutes;
    byAuthor[e.authorId] = (byAuthor[e.authorId] ?? 0) + e.minutes;
  }
  return { count: seen.size, totalMinutes: total, byKind, byAuthor };
}
