import { z } from 'zod';
import { idField, instant, syncMeta } from './fields';
import type { Ticket } from './schema';

/**
 * Ticket history: one append-only event per changed field, with who, when,
 * from which device, and the old and new values. Events are never edited, so
 * the log merges by union and serves as the audit trail.
 *
 * Audited: everything a person decides or that changes the ticket's standing.
 * Not audited: updatedAt and the sync bookkeeping (they change on every
 * write), `words` (derived from audited text), and `firstResponseDue`,
 * `resolutionDue`, `pauses` and `reopenCount` (derived from status and
 * priority changes, which are audited).
 */
export const AUDITED_FIELDS = [
  'number',
  'type',
  'title',
  'description',
  'requesterId',
  'siteId',
  'systemId',
  'category',
  'channel',
  'tags',
  'impact',
  'urgency',
  'priority',
  'priorityOverride',
  'status',
  'pendingReason',
  'teamId',
  'assigneeId',
  'escalationLevel',
  'escalation',
  'firstRespondedAt',
  'resolvedAt',
  'closedAt',
  'resolution',
  'mergedInto',
  'deleted',
] as const satisfies readonly (keyof Ticket)[];
export type AuditedField = (typeof AUDITED_FIELDS)[number];

/** Pseudo-fields for events that are not a field change of this ticket. */
export const EVENT_FIELDS = ['created', 'mergedFrom', 'linkAdded', 'linkRemoved'] as const;

export const HistoryEventSchema = z.object({
  id: idField('Id'),
  ticketId: idField('Ticket'),
  field: z.string().min(1).max(64),
  old: z.json().nullable(),
  new: z.json().nullable(),
  by: idField('Who'),
  device: idField('Device'),
  at: instant('Time'),
  ...syncMeta,
});
export type HistoryEvent = z.output<typeof HistoryEventSchema>;
/** An event before the repository gives it an id. */
export type HistoryDraft = Omit<HistoryEvent, 'id' | 'stamps' | 'deleted'>;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function sameValue(a: unknown, b: unknown, field: string): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  // Tags are a set: reordering them is not a change worth an audit entry.
  if (field === 'tags' && Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
  }
  return stableJson(a) === stableJson(b);
}

function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(',')}}`;
}

const toJson = (v: unknown): Json => (v === undefined ? null : (v as Json));

/**
 * The history events for a write. `before` null means the ticket is being
 * created: that is one `created` event carrying the number, not one event per
 * field, because the first version of the ticket is itself the record of its
 * initial values.
 */
export function diffForHistory(before: Ticket | null, after: Ticket, who: string, device: string, at: string): HistoryDraft[] {
  if (before === null) return [{ ticketId: after.id, field: 'created', old: null, new: after.number, by: who, device, at }];
  const events: HistoryDraft[] = [];
  for (const field of AUDITED_FIELDS) {
    const a = before[field];
    const b = after[field];
    if (!sameValue(a, b, field)) events.push({ ticketId: after.id, field, old: toJson(a), new: toJson(b), by: who, device, at });
  }
  return events;
}

/** Give drafts ids and the sync bookkeeping, ready to append. */
export function withIds(drafts: readonly HistoryDraft[], newId: () => string): HistoryEvent[] {
  return drafts.map((d) => ({ ...d, id: newId(), stamps: {}, deleted: 0 }));
}
