import { checkReviewDecision, itemVerdict, planCampaignClose, reviewerFor, type ItemVerdict } from '../../../../../shared/access/rules';
import { ReviewCampaignSchema, ReviewDecisionSchema, RevocationSchema, type ReviewCampaign, type ReviewDecision, type ReviewDecisionKind, type ReviewItem, type Grant } from '../../../../../shared/access/schema';
import { checkReviewDecision as ruleOfDecision } from '../../../../../shared/access/sync-tables';
import { err, ok, type Result } from '../../../../../shared/result';
import { parseWith } from '../../../../../shared/validation';
import { dueRecurrences, recurringItemId } from '../../../../../shared/access/recurrence';
import { alive, atomically, audit, orRollback, type AccessContext } from './tables';

export interface CampaignInput {
  name: string;
  systemIds?: string[];
  entitlementIds?: string[];
  agencies?: string[];
  reviewer: 'systemOwner' | 'supervisor';
  fallbackPersonId?: string | null;
  dueDate: string;
  recurrence?: 'none' | 'quarterly' | 'yearly';
  defaultAction?: 'keep_flag' | 'revoke';
  maxRemovalShare?: number;
}

export type CloseResult = { closed: true; revoked: number; flagged: number } | { closed: false; needsConfirmation: { systemId: string; wouldRevoke: number; grants: number; share: number }[] };

/** Review campaigns: set-up (an item per grant in scope), decisions (append-only), resolution and close. */
export function reviewsRepository(ctx: AccessContext) {
  const { db, t, now, newId } = ctx;
  async function verdicts(campaignId: string): Promise<Map<string, ItemVerdict>> {
    const decisions = await t.decisions.where('campaignId').equals(campaignId).toArray();
    const byItem = new Map<string, ReviewDecision[]>();
    for (const d of decisions) byItem.set(d.itemId, [...(byItem.get(d.itemId) ?? []), d]);
    return new Map([...byItem].map(([id, ds]) => [id, itemVerdict(ds)]));
  }

  /** One item per active grant in the campaign's scope (systems, entitlements, agencies), with its reviewer. */
  async function itemsInScope(campaign: ReviewCampaign, at: string, idOf: (g: { id: string }) => string): Promise<ReviewItem[]> {
    const systems = new Set(campaign.systemIds);
    const ents = new Set(campaign.entitlementIds);
    const agencies = new Set(campaign.agencies.map((a) => a.toLowerCase()));
    // Open-ended grants have no [status+until] key, so the scope reads every grant once.
    const grants = alive(await t.grants.toArray()).filter((g) => g.status === 'active');
    const entitlements = new Map(alive(await t.entitlements.toArray()).map((e) => [e.id, e]));
    const people = new Map((await db.people.toArray()).map((p) => [p.id, p]));
    const items: ReviewItem[] = [];
    for (const g of grants) {
      if (systems.size && !systems.has(g.systemId)) continue;
      if (ents.size && !ents.has(g.entitlementId)) continue;
      if (agencies.size && !agencies.has((people.get(g.personId)?.agency ?? '').toLowerCase())) continue;
      const owner = entitlements.get(g.entitlementId)?.ownerPersonId ?? null;
      items.push({ id: idOf(g), campaignId: campaign.id, grantId: g.id, personId: g.personId, systemId: g.systemId, entitlementId: g.entitlementId, reviewerPersonId: reviewerFor(campaign.reviewer, { owner, supervisor: null }, campaign.fallbackPersonId, g.personId), outcome: null, outcomeNote: '', createdAt: at, updatedAt: at, stamps: {}, deleted: 0 });
    }
    return items;
  }

  /** A review's revoke: the entitlement's deprovisioning steps copied, the grant revoking (revoked at once with no steps). */
  async function startRevocation(g: Grant, note: string, actor: { id: string; name: string }, at: string): Promise<void> {
    const e = await t.entitlements.get(g.entitlementId);
    const steps = (e?.deprovisioning ?? []).map((s) => ({ id: `${g.entitlementId}:${s.id}`, entitlementId: g.entitlementId, text: s.text }));
    const done = steps.length === 0;
    const rev = orRollback(parseWith(RevocationSchema, { id: newId(), grantId: g.id, personId: g.personId, reason: 'review', note, steps, status: done ? 'done' : 'open', recordedBy: actor.id, doneAt: done ? at : null, createdAt: at, updatedAt: at, stamps: {}, deleted: 0 }, 'revocation'));
    await t.revocations.add(rev);
    await t.grants.put({ ...g, status: done ? 'revoked' : 'revoking', revocationId: rev.id, endedAt: done ? at : null, updatedAt: at });
    await audit(ctx, actor, { action: 'grant.revocation_started', subjectTable: 'revocations', subjectId: rev.id, grantId: g.id, summary: `Review: ${note}` });
  }

  return {
    async create(input: CampaignInput): Promise<Result<{ campaign: ReviewCampaign; items: number }>> {
      const actor = await ctx.actor();
      return atomically(() =>
        db.transaction('rw', [t.campaigns, t.items, t.grants, t.entitlements, t.audit, db.people], async () => {
          const at = now();
          const campaign = orRollback(parseWith(ReviewCampaignSchema, { ...input, id: newId(), status: 'open', createdBy: actor.id, createdAt: at, updatedAt: at, stamps: {}, deleted: 0 }, 'campaign'));
          const items = await itemsInScope(campaign, at, () => newId());
          if (items.length === 0) return err('invalid_request', 'No active grants are in this campaign’s scope.');
          await t.campaigns.add(campaign);
          await t.items.bulkAdd(items);
          await audit(ctx, actor, { action: 'campaign.created', subjectTable: 'reviewCampaigns', subjectId: campaign.id, summary: `${campaign.name}: ${items.length} item(s), due ${campaign.dueDate}` });
          return ok({ campaign, items: items.length });
        }),
      );
    },

    /**
     * Recurring campaigns whose due date has come make the next campaign of
     * their series (shared/access/recurrence.ts): same scope and settings,
     * the next due date, derived ids for it and its items, so two laptops
     * doing this offline make one campaign. A next campaign with nothing in
     * scope is still made (empty), so it is not tried again every time.
     * Gives the campaigns made.
     */
    async createDueRecurrences(today: string): Promise<Result<ReviewCampaign[]>> {
      const due = dueRecurrences(alive(await t.campaigns.toArray()), today);
      if (due.length === 0) return ok([]);
      const actor = await ctx.actor();
      return atomically(() =>
        db.transaction('rw', [t.campaigns, t.items, t.grants, t.entitlements, t.audit, db.people], async () => {
          const made: ReviewCampaign[] = [];
          const at = now();
          for (const d of due) {
            if (await t.campaigns.get(d.id)) continue;
            const from = await t.campaigns.get(d.from);
            if (!from) continue;
            const name = from.name.replace(/\s*\(due \d{4}-\d{2}-\d{2}\)$/, '');
            const campaign = orRollback(
              parseWith(ReviewCampaignSchema, { ...from, id: d.id, name: `${name} (due ${d.dueDate})`, dueDate: d.dueDate, seriesId: d.seriesId, status: 'open', closedAt: null, createdBy: actor.id, createdAt: at, updatedAt: at, stamps: {}, deleted: 0 }, 'campaign'),
            );
            const items = await itemsInScope(campaign, at, (g) => recurringItemId(campaign.id, g.id));
            await t.campaigns.put(campaign);
            await t.items.bulkPut(items);
            await audit(ctx, actor, { action: 'campaign.created', subjectTable: 'reviewCampaigns', subjectId: campaign.id, summary: `${campaign.name}: ${items.length} item(s), due ${campaign.dueDate} (recurs ${campaign.recurrence}, after ${from.name})` });
            made.push(campaign);
          }
          return ok(made);
        }),
      );
    },

    /** One decision, append-only: a reviewer who changes their mind adds a newer one. */
    async decide(itemId: string, decision: ReviewDecisionKind, reason = ''): Promise<Result<ReviewDecision>> {
      const actor = await ctx.actor();
      const allowed = checkReviewDecision(decision, reason);
      if (!allowed.ok) return allowed;
      return db.transaction('rw', [t.items, t.campaigns, t.decisions], async () => {
        const item = await t.items.get(itemId);
        if (!item || item.deleted) return err('not_found', 'That review item no longer exists.');
        const campaign = await t.campaigns.get(item.campaignId);
        if (!campaign || campaign.status !== 'open') return err('conflict', 'This campaign is closed.');
        const record = parseWith(ReviewDecisionSchema, { id: newId(), itemId, campaignId: item.campaignId, personId: item.personId, decision, reason, decidedBy: actor.id, device: ctx.deviceId(), at: now(), stamps: {}, deleted: 0 }, 'decision');
        if (!record.ok) return record;
        const related = (tbl: string, id: string) => (tbl === 'reviewItems' && id === item.id ? (item as unknown as Record<string, unknown>) : null);
        const why = ruleOfDecision({ user: { id: actor.id, role: 'technician', personId: actor.id }, table: 'reviewDecisions', id: record.value.id, before: null, after: record.value, changed: Object.keys(record.value), related });
        if (why) return err('conflict', why);
        await t.decisions.add(record.value);
        return ok(record.value);
      });
    },

    verdicts,

    /**
     * Close a campaign: decisions stand, the rest take the default. When the
     * default would remove more than the set share of a system's grants the
     * campaign stays open and says which systems need a coordinator's confirmation.
     */
    async close(campaignId: string, confirmedSystems: readonly string[] = []): Promise<Result<CloseResult>> {
      const actor = await ctx.actor();
      return atomically(() =>
        db.transaction('rw', [t.campaigns, t.items, t.decisions, t.grants, t.entitlements, t.revocations, t.audit], async (): Promise<Result<CloseResult>> => {
          const campaign = await t.campaigns.get(campaignId);
          if (!campaign || campaign.deleted) return err('not_found', 'That campaign no longer exists.');
          if (campaign.status !== 'open') return err('conflict', 'This campaign is already closed.');
          const items = alive(await t.items.where('campaignId').equals(campaignId).toArray());
          const itemVerdicts = await verdicts(campaignId);
          const grantsPerSystem = new Map<string, number>();
          for (const g of alive(await t.grants.toArray())) if (g.status === 'active') grantsPerSystem.set(g.systemId, (grantsPerSystem.get(g.systemId) ?? 0) + 1);
          const plan = planCampaignClose({ campaign, items, verdicts: itemVerdicts, grantsPerSystem, confirmedSystems: new Set(confirmedSystems) });
          if (plan.needsConfirmation.length) return ok({ closed: false, needsConfirmation: plan.needsConfirmation });
          const at = now();
          let revoked = 0;
          for (const item of items) {
            const outcome = item.outcome ?? plan.outcomes.get(item.id) ?? 'flagged';
            await t.items.put({ ...item, outcome, updatedAt: at });
            const g = await t.grants.get(item.grantId);
            if (!g) continue;
            if (outcome === 'keep') await t.grants.put({ ...g, lastReviewedAt: at, updatedAt: at });
            if (outcome === 'revoke' && g.status === 'active') {
              await startRevocation(g, campaign.name, actor, at);
              revoked++;
            }
          }
          await t.campaigns.put({ ...campaign, status: 'closed', closedAt: at, updatedAt: at });
          const flagged = [...plan.outcomes.values()].filter((o) => o === 'flagged').length;
          await audit(ctx, actor, { action: 'campaign.closed', subjectTable: 'reviewCampaigns', subjectId: campaignId, summary: `${revoked} revocation(s), ${flagged} flagged` });
          return ok({ closed: true, revoked, flagged });
        }),
      );
    },

    /**
     * A coordinator settles a flagged or conflicting item, saying how. On a
     * closed campaign a settled revoke starts the grant's revocation (reason:
     * review) and a keep marks the grant reviewed, as closing would have.
     */
    async resolve(itemId: string, outcome: 'keep' | 'revoke' | 'change', note: string): Promise<Result<ReviewItem>> {
      if (note.trim() === '') return err('invalid_request', 'Say how the item was settled.', { note: 'Required' });
      const actor = await ctx.actor();
      return atomically(() =>
        db.transaction('rw', [t.items, t.campaigns, t.grants, t.entitlements, t.revocations, t.audit], async () => {
          const item = await t.items.get(itemId);
          if (!item || item.deleted) return err('not_found', 'That review item no longer exists.');
          const campaign = await t.campaigns.get(item.campaignId);
          const at = now();
          const next = { ...item, outcome, outcomeNote: note.trim(), updatedAt: at };
          await t.items.put(next);
          await audit(ctx, actor, { action: 'review.resolved', subjectTable: 'reviewItems', subjectId: itemId, grantId: item.grantId, summary: `${outcome}: ${note.trim()}` });
          const g = await t.grants.get(item.grantId);
          if (campaign?.status === 'closed' && g && !g.deleted && g.status === 'active') {
            if (outcome === 'revoke') await startRevocation(g, `${campaign.name}: ${note.trim()}`, actor, at);
            if (outcome === 'keep') await t.grants.put({ ...g, lastReviewedAt: at, updatedAt: at });
          }
          return ok(next);
        }),
      );
    },
  };
}
export type ReviewsRepository = ReturnType<typeof reviewsRepository>;
