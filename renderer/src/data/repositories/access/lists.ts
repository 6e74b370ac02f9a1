import { DistributionListSchema, ListMembershipSchema, type DistributionList, type ListMembership } from '../../../../../shared/access/schema';
import { err, ok, type Result } from '../../../../../shared/result';
import { parseWith } from '../../../../../shared/validation';
import { alive, audit, type AccessContext } from './tables';

export interface ListInput {
  name: string;
  purpose?: string;
  address?: string;
  ownerPersonId?: string | null;
  reviewEveryDays?: number | null;
}

export interface MemberInput {
  personId?: string | null;
  name?: string;
  email?: string;
  endDate?: string | null;
}

/** Distribution lists, members (with end dates) and the join/leave log. The only writer of those three stores. */
export function listsRepository(ctx: AccessContext) {
  const { db, t, now, newId } = ctx;
  return {
    async save(id: string | null, input: ListInput): Promise<Result<DistributionList>> {
      const actor = await ctx.actor();
      return db.transaction('rw', [t.lists, t.audit], async () => {
        const current = id ? await t.lists.get(id) : undefined;
        if (id && (!current || current.deleted)) return err('not_found', 'That list no longer exists.');
        const at = now();
        const parsed = parseWith(DistributionListSchema, { ...(current ?? {}), ...input, id: current?.id ?? newId(), createdAt: current?.createdAt ?? at, updatedAt: at, stamps: current?.stamps ?? {}, deleted: 0 }, 'distribution list');
        if (!parsed.ok) return parsed;
        await t.lists.put(parsed.value);
        await audit(ctx, actor, { action: current ? 'list.updated' : 'list.created', subjectTable: 'distributionLists', subjectId: parsed.value.id, summary: parsed.value.name });
        return ok(parsed.value);
      });
    },

    /** Add a person from the directory (their name and e-mail are copied) or an outside address. */
    async addMember(listId: string, input: MemberInput): Promise<Result<ListMembership>> {
      const actor = await ctx.actor();
      return db.transaction('rw', [t.lists, t.memberships, t.listLog, t.departures, db.people], async () => {
        const list = await t.lists.get(listId);
        if (!list || list.deleted) return err('not_found', 'That list no longer exists.');
        let name = input.name?.trim() ?? '';
        let email = input.email?.trim() ?? '';
        if (input.personId) {
          const p = await db.people.get(input.personId);
          if (!p || p.deleted) return err('not_found', 'That person is not in the directory.');
          if (alive(await t.departures.where('personId').equals(p.id).toArray()).length) return err('conflict', `${p.name} has left; leavers are not added to lists.`);
          name = p.name;
          email = email || p.email;
        } else if (!email) return err('invalid_request', 'An outside member needs an e-mail address.', { email: 'Required' });
        const existing = alive(await t.memberships.where('listId').equals(listId).toArray()).find((m) => m.status === 'member' && ((input.personId && m.personId === input.personId) || (email && m.email.toLowerCase() === email.toLowerCase())));
        if (existing) return err('conflict', `${existing.name || existing.email} is already on this list.`);
        const at = now();
        const parsed = parseWith(ListMembershipSchema, { id: newId(), listId, personId: input.personId ?? null, name, email, endDate: input.endDate ?? null, status: 'member', createdAt: at, updatedAt: at, stamps: {}, deleted: 0 }, 'member');
        if (!parsed.ok) return parsed;
        if (parsed.value.endDate && parsed.value.endDate < at.slice(0, 10)) return err('invalid_request', 'The end date has already passed.', { endDate: 'Must be today or later' });
        await t.memberships.add(parsed.value);
        await t.listLog.add({ id: newId(), listId, membershipId: parsed.value.id, action: 'join', who: name || email, reason: '', actor: actor.id, device: ctx.deviceId(), at, stamps: {}, deleted: 0 });
        return ok(parsed.value);
      });
    },

    async removeMember(membershipId: string, reason: string): Promise<Result<ListMembership>> {
      const actor = await ctx.actor();
      return db.transaction('rw', [t.memberships, t.listLog], async () => {
        const m = await t.memberships.get(membershipId);
        if (!m || m.deleted || m.status !== 'member') return err('not_found', 'That member is no longer on the list.');
        const at = now();
        const next: ListMembership = { ...m, status: 'removed', removedAt: at, removedReason: reason, updatedAt: at };
        await t.memberships.put(next);
        await t.listLog.add({ id: newId(), listId: m.listId, membershipId, action: 'leave', who: m.name || m.email, reason, actor: actor.id, device: ctx.deviceId(), at, stamps: {}, deleted: 0 });
        return ok(next);
      });
    },

    async markReviewed(listId: string): Promise<Result<DistributionList>> {
      const actor = await ctx.actor();
      return db.transaction('rw', [t.lists, t.audit], async () => {
        const list = await t.lists.get(listId);
        if (!list || list.deleted) return err('not_found', 'That list no longer exists.');
        const next = { ...list, lastReviewedAt: now(), updatedAt: now() };
        await t.lists.put(next);
        await audit(ctx, actor, { action: 'list.reviewed', subjectTable: 'distributionLists', subjectId: listId, summary: `Owner review of ${list.name}` });
        return ok(next);
      });
    },
  };
}
export type ListsRepository = ReturnType<typeof listsRepository>;
