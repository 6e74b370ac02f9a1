import { ok, type Result } from '../../../../../shared/result';
import { tokenize } from '../../../../../shared/tickets/search';
import { applyFirstResponse, makeWorkLogEntry, type WorkLogEntry, type WorkLogInput } from '../../../../../shared/tickets/worklog';
import { atomically, orRollback } from './rollback';
import type { RepoContext } from './tables';
import type { TicketsRepository } from './tickets';

/**
 * The only writer of the work log. An entry is appended (never edited), and
 * in the same transaction the ticket learns of it: the first entry that
 * reaches the requester stops the first-response clock, and the entry's words
 * join the ticket's search words.
 */
export function workLogRepository(ctx: RepoContext, tickets: TicketsRepository) {
  const { db, t, now, newId } = ctx;
  return {
    add(ticketId: string, input: WorkLogInput): Promise<Result<WorkLogEntry>> {
      return atomically(async () => {
        const actor = await ctx.actor();
        return db.transaction('rw', tickets.scope(), async () => {
          const before = orRollback(await tickets.current(ticketId));
          const at = now();
          const entry = orRollback(makeWorkLogEntry(input, { id: newId(), ticket: before, authorId: actor.id, now: at }));
          await t.workLog.add(entry);
          const responded = applyFirstResponse(before, entry);
          // Words already folded fold to themselves, so the old list plus the new body is the new list.
          const after = { ...responded, words: tokenize([before.words.join(' '), entry.body]), updatedAt: at > responded.updatedAt ? at : responded.updatedAt };
          orRollback(await tickets.write(before, after, actor, at));
          return ok(entry);
        });
      });
    },
  };
}
