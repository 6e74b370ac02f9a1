import { err, ok, type Result } from '../result';
import { diffForHistory, withIds, type HistoryEvent } from './history';
import type { TicketLink } from './links';
import type { Ticket } from './schema';
import type { WorkLogEntry } from './worklog';

/**
 * Merging a duplicate into the ticket that carries on.
 *
 * Work-log entries are immutable and the log is append-only, so entries are
 * not moved: each entry of the duplicate is COPIED to the target as a new
 * entry (new id, same kind, author, time, minutes and body) with `copiedFrom`
 * pointing at the original. The originals stay on the duplicate, which is
 * closed with `mergedInto`, so its own record still reads as it did. Time
 * totals of the target then include the work done under the duplicate;
 * totals are per ticket, so nothing is counted twice on either ticket.
 */

export interface MergeContext {
  now: string;
  by: string;
  device: string;
  newId: () => string;
  /**
   * Where a ticket was merged to, for tickets other than the two given. Used to
   * refuse a merge that would close a loop of merge pointers.
   */
  mergedIntoOf?: (ticketId: string) => string | null;
}

export interface MergePlan {
  /** The duplicate, closed and pointing at the target. */
  duplicate: Ticket;
  /** The target with updatedAt moved on (its other fields are untouched). */
  target: Ticket;
  /** Copies of the duplicate's entries, plus one note saying what was merged. */
  newEntries: WorkLogEntry[];
  link: TicketLink;
  history: HistoryEvent[];
}

/**
 * Follow merge pointers from a ticket to the one that finally carries on.
 * Concurrent offline merges (A into B on one laptop, B into A on another) can
 * leave a loop after sync; that is reported rather than followed forever.
 */
export function followMergeChain(ticketId: string, mergedIntoOf: (id: string) => string | null): Result<string> {
  const seen = new Set<string>([ticketId]);
  let cur = ticketId;
  for (;;) {
    const next = mergedIntoOf(cur);
    if (next === null) return ok(cur);
    if (seen.has(next)) return err('conflict', 'These tickets were merged into each other; reopen one of them to break the loop');
    seen.add(next);
    cur = next;
  }
}

export function planMerge(
  duplicate: Ticket,
  target: Ticket,
  entriesOfDuplicate: readonly WorkLogEntry[],
  ctx: MergeContext,
): Result<MergePlan> {
  if (duplicate.id === target.id) return err('invalid_request', 'A ticket cannot be merged into itself');
  if (duplicate.mergedInto) return err('conflict', `${duplicate.number} has already been merged`);
  if (duplicate.status === 'closed' || duplicate.status === 'cancelled')
    return err('conflict', `${duplicate.number} is ${duplicate.status}; only an active or resolved ticket can be merged`);
  if (target.mergedInto) return err('conflict', `${target.number} was itself merged; merge into the ticket it points to`);
  if (target.status === 'closed' || target.status === 'cancelled')
    return err('conflict', `${target.number} is ${target.status}; merge into a ticket that is still being worked`);
  if (ctx.mergedIntoOf) {
    // The records given may be stale (another device merged the target since):
    // walk the target's pointers as the caller knows them now.
    const lookup = ctx.mergedIntoOf;
    const seen = new Set<string>([target.id]);
    for (let cur = lookup(target.id); cur !== null; cur = lookup(cur)) {
      if (cur === duplicate.id) return err('conflict', `${target.number} was merged into ${duplicate.number}; merging back would make a loop`);
      if (seen.has(cur)) return err('conflict', 'These tickets were merged into each other; reopen one of them to break the loop');
      seen.add(cur);
    }
    if (seen.size > 1) return err('conflict', `${target.number} was itself merged; merge into the ticket it points to`);
  }
  const foreign = entriesOfDuplicate.find((e) => e.ticketId !== duplicate.id);
  if (foreign) return err('invalid_request', `Work-log entry ${foreign.id} does not belong to ${duplicate.number}`);

  const at = ctx.now;
  const copies: WorkLogEntry[] = [...entriesOfDuplicate]
    .filter((e) => e.deleted === 0)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((e) => ({
      ...e,
      id: ctx.newId(),
      ticketId: target.id,
      createdAt: at,
      copiedFrom: e.copiedFrom ?? { ticketId: duplicate.id, entryId: e.id },
      stamps: {},
      deleted: 0,
    }));
  const note: WorkLogEntry = {
    id: ctx.newId(),
    ticketId: target.id,
    kind: 'internal_note',
    authorId: ctx.by,
    at,
    minutes: 0,
    body: `Merged ${duplicate.number} (“${duplicate.title}”) into this ticket; ${copies.length} work-log ${copies.length === 1 ? 'entry' : 'entries'} copied.`,
    createdAt: at,
    copiedFrom: null,
    stamps: {},
    deleted: 0,
  };

  const closedDuplicate: Ticket = {
    ...duplicate,
    status: 'closed',
    pendingReason: null,
    pauses: duplicate.pauses.map((p) => (p.to === null ? { ...p, to: at } : p)),
    closedAt: at,
    mergedInto: target.id,
    resolution: duplicate.resolution ?? { code: 'duplicate', text: `Duplicate of ${target.number}`, rootCause: '' },
    updatedAt: at,
  };
  const link: TicketLink = {
    id: ctx.newId(),
    fromId: duplicate.id,
    toId: target.id,
    kind: 'duplicate',
    createdBy: ctx.by,
    createdAt: at,
    stamps: {},
    deleted: 0,
  };
  const history = withIds(
    [
      ...diffForHistory(duplicate, closedDuplicate, ctx.by, ctx.device, at),
      { ticketId: target.id, field: 'mergedFrom', old: null, new: duplicate.id, by: ctx.by, device: ctx.device, at },
    ],
    ctx.newId,
  );
  return ok({
    duplicate: closedDuplicate,
    target: { ...target, updatedAt: at > target.updatedAt ? at : target.updatedAt },
    newEntries: [...copies, note],
    link,
    history,
  });
}
