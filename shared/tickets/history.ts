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
  /**
   * The display names of the ids `old` and `new` name (a team, site, system,
   * requester or assignee), as they were when the event was written: the
   * history can then say what a renamed team was called at the time. Optional:
   * events written before this, or by an older device, have none.
   */
  oldLabel: z.string().max(200).optional(),
  newLabel: z.string().max(200).optional(),
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

/** Fields whose values are ids of named records: their events carry the names of the time (oldLabel/newLabel). */
export const NAMED_FIELDS = ['teamId', 'siteId', 'systemId', 'assigneeId', 'requesterId'] as const satisfies readonly AuditedField[];
export type NamedField = (typeof NAMED_FIELDS)[number];
export const isNamedField = (f: string): f is NamedField => (NAMED_FIELDS as readonly string[]).includes(f);

/** The current display name of the record an id of `field` names, if known. */
export type NameOf = (field: NamedField, id: string) => string | undefined;

const labelOf = (field: NamedField, v: unknown, names: NameOf): string | undefined => {
  if (typeof v !== 'string' || !v) return undefined;
  const name = names(field, v)?.trim();
  return name ? name.slice(0, 200) : undefined;
};

/**
 * The history events for a write. `before` null means the ticket is being
 * created: that is one `created` event carrying the number, not one event per
 * field, because the first version of the ticket is itself the record of its
 * initial values.
 */
export function diffForHistory(before: Ticket | null, after: Ticket, who: string, device: string, at: string, names?: NameOf): HistoryDraft[] {
  if (before === null) return [{ ticketId: after.id, field: 'created', old: null, new: after.number, by: who, device, at }];
  const events: HistoryDraft[] = [];
  for (const field of AUDITED_FIELDS) {
    const a = before[field];
    const b = after[field];
    if (sameValue(a, b, field)) continue;
    const event: HistoryDraft = { ticketId: after.id, field, old: toJson(a), new: toJson(b), by: who, device, at };
    if (names && isNamedField(field)) {
      const oldLabel = labelOf(field, a, names);
      const newLabel = labelOf(field, b, names);
      if (oldLabel !== undefined) event.oldLabel = oldLabel;
      if (newLabel !== undefined) event.newLabel = newLabel;
    }
    events.push(event);
  }
  return events;
}

/** The ids of named records that events of this write name, by field (to look their names up before writing). */
export function namedIds(before: Ticket | null, after: Ticket): { field: NamedField; id: string }[] {
  if (before === null) return [];
  const out: { field: NamedField; id: string }[] = [];
  for (const field of NAMED_FIELDS) {
    const a = before[field];
    const b = after[field];
    if (a === b) continue;
    for (const v of [a, b]) if (typeof v === 'string' && v) out.push({ field, id: v });
  }
  return out;
}

/** Give drafts ids and the sync bookkeeping, ready to append. */
export function withIds(drafts: readonly HistoryDraft[], newId: () => string): HistoryEvent[] {
  return drafts.map((d) => ({ ...d, id: newId(), stamps: {}, deleted: 0 }));
}
