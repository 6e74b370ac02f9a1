import { allStepsDone, planLeaver } from '../../../../../shared/access/rules';
import { AccountCheckSchema, DepartureSchema, RevocationSchema, StepTickSchema, type AccountCheck, type Departure, type Grant, type ListMembership, type Revocation, type RevocationReason } from '../../../../../shared/access/schema';
import { err, ok, type Result } from '../../../../../shared/result';
import { parseWith } from '../../../../../shared/validation';
import { alive, atomically, audit, orRollback, today, type AccessActor, type AccessContext } from './tables';

export const REVOCATION_REASON_LABELS: Record<RevocationReason, string> = {
  left_agency: 'Left the agency',
  changed_role: 'Changed role',
  review: 'Review decision',
  security: 'Security',
  other: 'Other',
};

export interface LeaverSummary {
  departure: Departure;
  /** Grants whose revocation started (deprovisioning checklists to work). */
  revoked: { grantId: string; revocationId: string; entitlement: string; system: string; done: boolean }[];
  /** Grants already being revoked before. */
  alreadyRevoking: string[];
  /** List memberships ended. */
  removedFrom: { membershipId: string; list: string }[];
}

/**
 * Grants after they are made: revocation with its deprovisioning checklist,
 * leavers, and expiry. The only writer of `revocations`, `departures`,
 * deprovisioning ticks and changes to grants.
 */
export function grantsRepository(ctx: AccessContext) {
  const { db, t, now, newId } = ctx;

  /** Start a grant's revocation; a procedure with no steps ends it at once. Inside the caller's transaction. */
  async function startRevocation(actor: AccessActor, grant: Grant, reason: RevocationReason, note: string): Promise<Result<Revocation>> {
    if (grant.status !== 'active') return err('conflict', grant.status === 'revoking' ? 'This grant is already being revoked.' : `This grant is ${grant.status}.`);
    const e = await t.entitlements.get(grant.entitlementId);
    const at = now();
    const steps = (e?.deprovisioning ?? []).map((s) => ({ id: `${grant.entitlementId}:${s.id}`, entitlementId: grant.entitlementId, text: s.text }));
    const done = steps.length === 0;
    const parsed = parseWith(
      RevocationSchema,
      { id: newId(), grantId: grant.id, personId: grant.personId, reason, note, steps, status: done ? 'done' : 'open', recordedBy: actor.id, doneAt: done ? at : null, createdAt: at, updatedAt: at, stamps: {}, deleted: 0 },
      'revocation',
    );
    if (!parsed.ok) return parsed;
    await t.revocations.add(parsed.value);
    await t.grants.put({ ...grant, status: done ? 'revoked' : 'revoking', revocationId: parsed.value.id, endedAt: done ? at : null, updatedAt: at });
    await audit(ctx, actor, { action: 'grant.revocation_started', subjectTable: 'revocations', subjectId: parsed.value.id, grantId: grant.id, summary: `${reason.replace('_', ' ')}${note ? `: ${note}` : ''}` });
    if (done) await audit(ctx, actor, { action: 'grant.revoked', subjectTable: 'grants', subjectId: grant.id, grantId: grant.id, summary: 'No deprovisioning steps; access ended' });
    return ok(parsed.value);
  }

  const revokeScope = [t.grants, t.entitlements, t.revocations, t.audit];

  return {
    async revoke(grantId: string, reason: RevocationReason, note = ''): Promise<Result<Revocation>> {
      const actor = await ctx.actor();
      if (reason === 'other' && note.trim() === '') return err('invalid_request', 'Say why this access is being removed.', { note: 'Required when the reason is Other' });
      return db.transaction('rw', revokeScope, async () => {
        const g = await t.grants.get(grantId);
        if (!g || g.deleted) return err('not_found', 'That grant no longer exists.');
        return startRevocation(actor, g, reason, note);
      });
    },

    /** Tick a deprovisioning step; the last one ends the grant. */
    async tick(revocationId: string, stepId: string, done: boolean): Promise<Result<Revocation>> {
      const actor = await ctx.actor();
      return db.transaction('rw', [t.revocations, t.grants, t.ticks, t.audit], async () => {
        const rev = await t.revocations.get(revocationId);
        if (!rev || rev.deleted) return err('not_found', 'That revocation no longer exists.');
        if (rev.status === 'done') return err('conflict', 'This revocation is finished; its checklist is closed.');
        const step = rev.steps.find((s) => s.id === stepId);
        if (!step) return err('not_found', 'That step is not part of this revocation’s checklist.');
        const at = now();
        const tick = parseWith(StepTickSchema, { id: newId(), kind: 'deprovision', parentId: revocationId, stepId, text: step.text, done, by: actor.id, device: ctx.deviceId(), at, stamps: {}, deleted: 0 }, 'step');
        if (!tick.ok) return tick;
        await t.ticks.add(tick.value);
        await audit(ctx, actor, { action: done ? 'step.done' : 'step.undone', subjectTable: 'provisioningSteps', subjectId: tick.value.id, grantId: rev.grantId, summary: step.text });
        const ticks = await t.ticks.where('parentId').equals(revocationId).toArray();
        if (!allStepsDone(rev.steps, ticks)) return ok(rev);
        const finished: Revocation = { ...rev, status: 'done', doneAt: at, updatedAt: at };
        await t.revocations.put(finished);
        const g = await t.grants.get(rev.grantId);
        if (g) await t.grants.put({ ...g, status: 'revoked', endedAt: at, updatedAt: at });
        await audit(ctx, actor, { action: 'grant.revoked', subjectTable: 'grants', subjectId: rev.grantId, grantId: rev.grantId, summary: 'Deprovisioning checklist done; access ended' });
        return ok(finished);
      });
    },

    /**
     * A leaver: every active grant's revocation starts (reason: left the
     * agency) and every list membership ends, in one transaction, with a
     * summary of what was done.
     */
    async markLeaver(personId: string, departedOn: string): Promise<Result<LeaverSummary>> {
      const actor = await ctx.actor();
      return atomically(() =>
        db.transaction('rw', [...revokeScope, t.departures, t.memberships, t.lists, t.listLog, db.people], async () => {
          const person = await db.people.get(personId);
          if (!person || person.deleted) return err('not_found', 'That person is not in the directory.');
          if (alive(await t.departures.where('personId').equals(personId).toArray()).length) return err('conflict', `${person.name} is already marked as departed.`);
          const [grants, memberships] = await Promise.all([t.grants.where('personId').equals(personId).toArray(), t.memberships.where('personId').equals(personId).toArray()]);
          const plan = planLeaver(personId, grants, memberships);
          const at = now();
          const summary: Omit<LeaverSummary, 'departure'> = { revoked: [], alreadyRevoking: plan.alreadyRevoking, removedFrom: [] };
          for (const gid of plan.revokeGrantIds) {
            const g = grants.find((x) => x.id === gid)!;
            const rev = orRollback(await startRevocation(actor, g, 'left_agency', `Departed ${departedOn}`));
            const e = await t.entitlements.get(g.entitlementId);
            summary.revoked.push({ grantId: gid, revocationId: rev.id, entitlement: e?.name ?? 'Unknown entitlement', system: g.systemId, done: rev.status === 'done' });
          }
          for (const mid of plan.removeMembershipIds) {
            const m = memberships.find((x) => x.id === mid)!;
            const list = await t.lists.get(m.listId);
            await t.memberships.put({ ...m, status: 'removed', removedAt: at, removedReason: 'Left the agency', updatedAt: at });
            await t.listLog.add({ id: newId(), listId: m.listId, membershipId: m.id, action: 'leave', who: person.name, reason: 'Left the agency', actor: actor.id, device: ctx.deviceId(), at, stamps: {}, deleted: 0 });
            summary.removedFrom.push({ membershipId: mid, list: list?.name ?? 'A removed list' });
          }
          const departure = orRollback(
            parseWith(
              DepartureSchema,
              { id: newId(), personId, departedOn, recordedBy: actor.id, revocationIds: summary.revoked.map((r) => r.revocationId), removedMembershipIds: plan.removeMembershipIds, createdAt: at, updatedAt: at, stamps: {}, deleted: 0 },
              'departure',
            ),
          );
          await t.departures.add(departure);
          await audit(ctx, actor, { action: 'person.departed', subjectTable: 'departures', subjectId: departure.id, summary: `${person.name}: ${summary.revoked.length} revocation(s) started, removed from ${summary.removedFrom.length} list(s)` });
          return ok({ departure, ...summary });
        }),
      );
    },

    /** Grants whose last day has passed become expired (run when the Access screen opens). */
    /**
     * Keep what a reconciliation found on each grant it covered (its `accountCheck`), in one transaction, so
     * reviewers on every device see whether the account exists and was used. Grants gone since are skipped.
     */
    async recordAccountChecks(checks: ReadonlyMap<string, AccountCheck>): Promise<Result<{ recorded: number }>> {
      for (const c of checks.values()) {
        const parsed = AccountCheckSchema.safeParse(c);
        if (!parsed.success) return err('invalid_request', `The account list's findings were not kept: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
      }
      const ids = [...checks.keys()];
      return db.transaction('rw', [t.grants], async () => {
        const grants = await t.grants.bulkGet(ids);
        const at = now();
        const changed = grants.filter((g): g is Grant => !!g && !g.deleted).map((g) => ({ ...g, accountCheck: checks.get(g.id)!, updatedAt: at }));
        await t.grants.bulkPut(changed);
        return ok({ recorded: changed.length });
      });
    },
    async expireDue(): Promise<number> {
      const actor = await ctx.actor();
      const day = today(ctx);
      return db.transaction('rw', [t.grants, t.audit], async () => {
        const due = alive(await t.grants.where('[status+until]').between(['active', ''], ['active', day]).toArray()).filter((g) => g.until !== null && g.until < day);
        const at = now();
        for (const g of due) {
          await t.grants.put({ ...g, status: 'expired', endedAt: at, updatedAt: at });
          await audit(ctx, actor, { action: 'grant.expired', subjectTable: 'grants', subjectId: g.id, grantId: g.id, summary: `Ended ${g.until}` });
        }
        return due.length;
      });
    },

    /** Memberships past their end date end (run when the Access screen opens). */
    async endDueMemberships(): Promise<number> {
      const actor = await ctx.actor();
      const day = today(ctx);
      return db.transaction('rw', [t.memberships, t.listLog], async () => {
        const due = alive(await t.memberships.toArray()).filter((m: ListMembership) => m.status === 'member' && m.endDate !== null && m.endDate < day);
        const at = now();
        for (const m of due) {
          await t.memberships.put({ ...m, status: 'removed', removedAt: at, removedReason: `End date ${m.endDate}`, updatedAt: at });
          await t.listLog.add({ id: newId(), listId: m.listId, membershipId: m.id, action: 'leave', who: m.name || m.email, reason: `End date ${m.endDate}`, actor: actor.id, device: ctx.deviceId(), at, stamps: {}, deleted: 0 });
        }
        return due.length;
      });
    },
  };
}
export type GrantsRepository = ReturnType<typeof grantsRepository>;
