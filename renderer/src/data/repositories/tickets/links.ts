import { err, ok, type Result } from '../../../../../shared/result';
import { validateLink, TicketLinkSchema, type LinkKind, type TicketLink } from '../../../../../shared/tickets/links';
import { planMerge } from '../../../../../shared/tickets/merge';
import { tokenize } from '../../../../../shared/tickets/search';
import { withIds } from '../../../../../shared/tickets/history';
import { formatTicketNumber, parseTicketNumber } from '../../../../../shared/tickets/numbering';
import { TicketSchema, type Ticket } from '../../../../../shared/tickets/schema';
import { parseWith } from '../../../../../shared/validation';
import { stripKeys, withKeys } from './derive';
import { atomically, orRollback } from './rollback';
import { alive, type RepoContext } from './tables';
import type { TicketsRepository } from './tickets';

/** Links between tickets, and merging a duplicate into the ticket that carries on. */
export function linksRepository(ctx: RepoContext, tickets: TicketsRepository) {
  const { db, t, now, newId, deviceId } = ctx;

  /** Links touching either ticket, which is what validateLink needs to spot repeats and loops. */
  async function linksAround(ids: string[]): Promise<TicketLink[]> {
    const rows = [...(await t.links.where('fromId').anyOf(ids).toArray()), ...(await t.links.where('toId').anyOf(ids).toArray())];
    return alive([...new Map(rows.map((l) => [l.id, l])).values()]);
  }

  /**
   * Resolve what a person typed ("KX7Q-42", or an id) to the live tickets it
   * names. Usually one; several when two devices numbered with one code
   * (numbering.ts re-codes after such a clash, but numbers already issued
   * stay), and then the person must choose. `besides` (the ticket being
   * worked on) is left out when another ticket carries the number too.
   */
  async function ticketsNumbered(text: string, besides?: string): Promise<Ticket[]> {
    const raw = text.trim();
    const byId = raw ? await t.tickets.get(raw) : undefined;
    if (byId && !byId.deleted) return [stripKeys(byId)];
    const parsed = parseTicketNumber(raw);
    if (!parsed.ok) return [];
    const rows = alive(await t.tickets.where('number').equals(formatTicketNumber(parsed.value.code, parsed.value.seq)).toArray());
    const others = rows.filter((r) => r.id !== besides);
    // Oldest first: the order people met them in.
    return (others.length > 0 ? others : rows).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)).map(stripKeys);
  }

  return {
    ticketsNumbered,

    async link(fromId: string, toId: string, kind: LinkKind): Promise<Result<TicketLink>> {
      return atomically(async () => {
        const actor = await ctx.actor();
        return db.transaction('rw', tickets.scope(), async () => {
          orRollback(await tickets.current(fromId));
          orRollback(await tickets.current(toId));
          // Parent chains reach beyond the pair; all links is the safe input (they are few).
          const existing = kind === 'parent' ? alive(await t.links.toArray()) : await linksAround([fromId, toId]);
          orRollback(validateLink({ fromId, toId, kind }, existing));
          const at = now();
          const link = orRollback(parseWith(TicketLinkSchema, { id: newId(), fromId, toId, kind, createdBy: actor.id, createdAt: at, stamps: {}, deleted: 0 }, 'link'));
          await t.links.add(link);
          const event = (ticketId: string, other: string) => ({ ticketId, field: 'linkAdded', old: null, new: { kind, other }, by: actor.id, device: deviceId(), at });
          await t.history.bulkAdd(withIds([event(fromId, toId), event(toId, fromId)], newId));
          return ok(link);
        });
      });
    },

    async unlink(linkId: string): Promise<Result<TicketLink>> {
      const actor = await ctx.actor();
      return db.transaction('rw', tickets.scope(), async () => {
        const link = await t.links.get(linkId);
        if (!link || link.deleted) return err('not_found', 'That link was already removed.');
        const removed: TicketLink = { ...link, deleted: 1 };
        await t.links.put(removed);
        const at = now();
        const event = (ticketId: string, other: string) => ({ ticketId, field: 'linkRemoved', old: { kind: link.kind, other }, new: null, by: actor.id, device: deviceId(), at });
        await t.history.bulkAdd(withIds([event(link.fromId, link.toId), event(link.toId, link.fromId)], newId));
        return ok(removed);
      });
    },

    /**
     * Merge a duplicate into the ticket that carries on (merge.ts): copies of
     * its work log, a note, a duplicate link, the duplicate closed with a
     * pointer, and history on both, in one transaction.
     */
    async merge(duplicateId: string, targetId: string): Promise<Result<{ duplicate: string; target: string; copied: number }>> {
      return atomically(async () => {
        const actor = await ctx.actor();
        return db.transaction('rw', tickets.scope(), async () => {
          const duplicate = orRollback(await tickets.current(duplicateId));
          const target = orRollback(await tickets.current(targetId));
          const entries = await t.workLog.where('ticketId').equals(duplicateId).toArray();
          const mergedInto = new Map<string, string | null>();
          const lookup = async (id: string) => {
            if (!mergedInto.has(id)) mergedInto.set(id, (await t.tickets.get(id))?.mergedInto ?? null);
          };
          // Preload the target's merge chain, so the synchronous loop check sees it.
          for (let cur: string | null = target.id, n = 0; cur !== null && n < 50; n++) {
            await lookup(cur);
            cur = mergedInto.get(cur) ?? null;
          }
          const at = now();
          const plan = orRollback(
            planMerge(duplicate, target, entries, { now: at, by: actor.id, device: deviceId(), newId, mergedIntoOf: (id) => mergedInto.get(id) ?? null }),
          );
          await t.workLog.bulkAdd(plan.newEntries);
          await t.links.add(plan.link);
          await t.history.bulkAdd(plan.history);
          // History of both tickets is in plan.history: write the records without diffing again.
          const targetWords = tokenize([plan.target.words.join(' '), ...plan.newEntries.map((e) => e.body)]);
          for (const rec of [plan.duplicate, { ...plan.target, words: targetWords }]) {
            const valid = orRollback(parseWith(TicketSchema, rec, 'ticket'));
            await t.tickets.put(withKeys(valid));
          }
          return ok({ duplicate: duplicate.number, target: target.number, copied: plan.newEntries.length - 1 });
        });
      });
    },
  };
}
