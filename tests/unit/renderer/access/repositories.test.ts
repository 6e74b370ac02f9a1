import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type FieldDeskDb } from '../../../../renderer/src/data/db';
import { accessRepositories, type AccessActor, type AccessRepositories } from '../../../../renderer/src/data/repositories/access';
import { peopleRepository } from '../../../../renderer/src/data/repositories/people';
import { waitingOps } from '../../../../renderer/src/sync/pending';
import { expectStoredValid, ACCESS_TABLES } from '../support/stored-valid';
import { campaignCounts, campaignPage } from '../../../../renderer/src/data/repositories/access/campaign-page';
import type { Entitlement } from '../../../../shared/access/schema';
import { exportMembers, currentMembers } from '../../../../shared/access/lists-export';

let n = 0;
const opened: FieldDeskDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    // What the app wrote is what the server accepts (its tables' stored schemas).
    if (db.isOpen()) await expectStoredValid(db, ACCESS_TABLES);
    db.close();
    await db.delete();
  }
});

async function setup() {
  const db = await openDatabase(`access-repo-${++n}`);
  opened.push(db);
  const people = peopleRepository(db);
  const person = async (name: string, kind: 'staff' | 'requester' = 'requester', agency = 'Eastside Court') => {
    const r = await people.create({ name, email: `${name.split(' ')[0]!.toLowerCase()}@court.example`, kind, agency });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const [coord, tech, clerk, boss, owner] = [await person('Cora Coordinator', 'staff'), await person('Tom Tech', 'staff'), await person('Ana Ruiz'), await person('Bea Boss'), await person('Omar Owner')];
  let actor: AccessActor = { id: tech.id, name: tech.name };
  let now = '2026-03-02T16:00:00.000Z';
  const repos = accessRepositories(db, { now: () => now, actor: async () => actor });
  return {
    db,
    repos,
    ids: { coord: coord.id, tech: tech.id, clerk: clerk.id, boss: boss.id, owner: owner.id },
    as: (p: { id: string }, name = 'x') => (actor = { id: p.id, name }),
    setNow: (v: string) => (now = v),
    person,
  };
}

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

async function catalog(repos: AccessRepositories, ownerId: string): Promise<{ clerk: Entitlement; cashier: Entitlement; recon: Entitlement }> {
  const base = { systemId: 'sys-cms', ownerPersonId: ownerId, maxDays: 365, defaultDays: 180 };
  const stages = [
    { label: 'Supervisor', approver: 'supervisor' as const, personId: null },
    { label: 'System owner', approver: 'systemOwner' as const, personId: null },
  ];
  const clerk = ok(
    await repos.catalog.saveEntitlement(null, {
      ...base,
      name: 'Clerk',
      stages,
      signedFormRequired: true,
      provisioning: [
        { id: 'acct', text: 'Create the account in the CMS admin console' },
        { id: 'ad', text: 'Add to AD group CMS-Clerks' },
      ],
      deprovisioning: [{ id: 'disable', text: 'Disable the CMS account' }],
    }),
  );
  const cashier = ok(await repos.catalog.saveEntitlement(null, { ...base, systemId: 'sys-fin', name: 'Cashier', stages: [stages[0]!], provisioning: [{ id: 'till', text: 'Assign a till' }] }));
  const recon = ok(await repos.catalog.saveEntitlement(null, { ...base, systemId: 'sys-fin', name: 'Cash reconciliation', stages: [stages[0]!] }));
  ok(await repos.catalog.addSodRule({ entitlementA: cashier.id, entitlementB: recon.id, reason: 'Handles and checks cash' }));
  return { clerk, cashier, recon };
}

const tables = async (db: FieldDeskDb) => (await waitingOps(db)).map((o) => o.table);

describe('access requests, from draft to revoked', () => {
  it('walks a request through two recorded approvals, provisioning and revocation, logging every write for sync', async () => {
    const { db, repos, ids, as } = await setup();
    as({ id: ids.coord });
    const { clerk } = await catalog(repos, ids.owner);
    as({ id: ids.tech });
    const draft = ok(await repos.requests.draft({ forPersonId: ids.clerk, requestedBy: ids.boss, systemId: 'sys-cms', entitlementIds: [clerk.id], startDate: '2026-03-02', ticketId: 't-1' }));
    expect(draft.endDate).toBe('2026-08-29');
    expect(draft.createdBy).toBe(ids.tech);

    const noWhy = await repos.requests.submit(draft.id);
    expect(noWhy.ok || noWhy.error.fields).toEqual({ justification: 'Say why this access is needed' });
    ok(await repos.requests.updateDraft(draft.id, { justification: 'New courtroom clerk' }));
    const submitted = ok(await repos.requests.submit(draft.id));
    expect(submitted.stages.map((s) => s.label)).toEqual(['Supervisor', 'System owner']);
    expect(submitted.steps.map((s) => s.text)).toEqual(['Create the account in the CMS admin console', 'Add to AD group CMS-Clerks']);
    expect(submitted.signedFormRequired).toBe(true);

    const form = ok(await repos.requests.attach(draft.id, { name: 'signed-form.pdf', mime: 'application/pdf', size: 1200, sha256: 'a'.repeat(64) }, 'signed_form'));
    as({ id: ids.coord });
    const outOfOrder = await repos.requests.recordDecision(draft.id, { stageIndex: 1, decision: 'approved', decidedBy: ids.owner, method: 'email' });
    expect(outOfOrder.ok || outOfOrder.error.message).toContain('"Supervisor" comes next');
    const first = ok(await repos.requests.recordDecision(draft.id, { stageIndex: 0, decision: 'approved', decidedBy: ids.boss, method: 'signed_form', evidenceIds: [form.id] }));
    expect(first.request.status).toBe('submitted');
    const second = ok(await repos.requests.recordDecision(draft.id, { stageIndex: 1, decision: 'approved', decidedBy: ids.owner, method: 'in_person' }));
    expect(second.request.status).toBe('approved');
    expect(second.approval.recordedBy).toBe(ids.coord);

    as({ id: ids.tech });
    const step1 = ok(await repos.requests.tick(draft.id, `${clerk.id}:acct`, true));
    expect(step1.request.status).toBe('provisioning');
    expect(step1.grants).toEqual([]);
    const step2 = ok(await repos.requests.tick(draft.id, `${clerk.id}:ad`, true));
    expect(step2.request.status).toBe('active');
    expect(step2.grants).toHaveLength(1);
    const grant = step2.grants[0]!;
    expect(grant).toMatchObject({ personId: ids.clerk, entitlementId: clerk.id, from: '2026-03-02', until: '2026-08-29', status: 'active', approvalIds: [first.approval.id, second.approval.id] });

    as({ id: ids.coord });
    const rev = ok(await repos.grants.revoke(grant.id, 'changed_role', 'Moved to probation'));
    expect(rev.steps.map((s) => s.text)).toEqual(['Disable the CMS account']);
    expect((await repos.tables.grants.get(grant.id))?.status).toBe('revoking');
    as({ id: ids.tech });
    const done = ok(await repos.grants.tick(rev.id, rev.steps[0]!.id, true));
    expect(done.status).toBe('done');
    expect((await repos.tables.grants.get(grant.id))?.status).toBe('revoked');

    const logged = await tables(db);
    for (const t of ['entitlements', 'sodRules', 'accessRequests', 'accessAttachments', 'approvals', 'provisioningSteps', 'grants', 'revocations', 'accessAudit']) expect(logged).toContain(t);
    const trail = (await repos.tables.audit.where('grantId').equals(grant.id).toArray()).map((a) => a.action);
    expect(trail).toEqual(['grant.active', 'grant.revocation_started', 'step.done', 'grant.revoked']);
  });

  it('refuses a self-approval and a denial of the order, changing nothing', async () => {
    const { db, repos, ids, as } = await setup();
    as({ id: ids.coord });
    const { clerk } = await catalog(repos, ids.owner);
    as({ id: ids.tech });
    const r = ok(await repos.requests.draft({ forPersonId: ids.coord, requestedBy: ids.boss, systemId: 'sys-cms', entitlementIds: [clerk.id], startDate: '2026-03-02', justification: 'Cover' }));
    ok(await repos.requests.submit(r.id));
    as({ id: ids.coord });
    const before = await waitingOps(db);
    const self = await repos.requests.recordDecision(r.id, { stageIndex: 0, decision: 'approved', decidedBy: ids.boss, method: 'email' });
    expect(self.ok || self.error.message).toBe('Nobody approves a request that grants them access.');
    as({ id: ids.tech });
    const maker = await repos.requests.recordDecision(r.id, { stageIndex: 0, decision: 'approved', decidedBy: ids.boss, method: 'email' });
    expect(maker.ok || maker.error.message).toBe('Nobody approves a request they made.');
    expect(await waitingOps(db)).toEqual(before);
    expect(await repos.tables.approvals.count()).toBe(0);
  });

  it('a denial ends the request; steps cannot be ticked before approval', async () => {
    const { repos, ids, as } = await setup();
    as({ id: ids.coord });
    const { clerk } = await catalog(repos, ids.owner);
    as({ id: ids.tech });
    const r = ok(await repos.requests.draft({ forPersonId: ids.clerk, requestedBy: ids.boss, systemId: 'sys-cms', entitlementIds: [clerk.id], startDate: '2026-03-02', justification: 'x' }));
    ok(await repos.requests.submit(r.id));
    as({ id: ids.coord });
    const early = await repos.requests.tick(r.id, `${clerk.id}:acct`, true);
    expect(early.ok).toBe(false);
    expect(await repos.tables.ticks.count()).toBe(0);
    const denied = ok(await repos.requests.recordDecision(r.id, { stageIndex: 0, decision: 'denied', decidedBy: ids.boss, method: 'email', note: 'Not in budget' }));
    expect(denied.request.status).toBe('denied');
    expect((await repos.requests.recordDecision(r.id, { stageIndex: 1, decision: 'approved', decidedBy: ids.owner, method: 'email' })).ok).toBe(false);
  });

  it('keeps durations within the maximum', async () => {
    const { repos, ids, as } = await setup();
    as({ id: ids.coord });
    const { clerk } = await catalog(repos, ids.owner);
    const r = ok(await repos.requests.draft({ forPersonId: ids.clerk, requestedBy: ids.boss, systemId: 'sys-cms', entitlementIds: [clerk.id], startDate: '2026-03-02', endDate: '2027-06-01', justification: 'x' }));
    const res = await repos.requests.submit(r.id);
    expect(res.ok || res.error.message).toContain('at most 365 days');
    expect((await repos.tables.requests.get(r.id))?.status).toBe('draft');
  });

  it('shows an SoD conflict at submission and approves it only when accepted with a reason', async () => {
    const { repos, ids, as } = await setup();
    as({ id: ids.coord });
    const { cashier, recon } = await catalog(repos, ids.owner);
    // Ana already holds Cashier.
    await activeGrant(repos, ids, as, cashier, ids.clerk);
    as({ id: ids.tech });
    const second = ok(await repos.requests.draft({ forPersonId: ids.clerk, requestedBy: ids.boss, systemId: 'sys-fin', entitlementIds: [recon.id], startDate: '2026-03-02', justification: 'Cover for reconciliation' }));
    const sub = ok(await repos.requests.submit(second.id));
    as({ id: ids.coord });
    expect(sub.sodConflicts).toEqual(['Cash reconciliation conflicts with Cashier, which this person already holds (Handles and checks cash)']);
    expect((await repos.requests.recordDecision(second.id, { stageIndex: 0, decision: 'approved', decidedBy: ids.boss, method: 'email' })).ok).toBe(false);
    const accepted = ok(await repos.requests.recordDecision(second.id, { stageIndex: 0, decision: 'approved', decidedBy: ids.boss, method: 'email', sodAccepted: true, sodReason: 'Two-person office; audited monthly' }));
    expect(accepted.request.status).toBe('approved');
  });

  it('a refused grant at the last step keeps the tick out too (one transaction)', async () => {
    const { db, repos, ids, as } = await setup();
    as({ id: ids.coord });
    const { clerk } = await catalog(repos, ids.owner);
    as({ id: ids.owner });
    const r = ok(await repos.requests.draft({ forPersonId: ids.tech, requestedBy: ids.boss, systemId: 'sys-cms', entitlementIds: [clerk.id], startDate: '2026-03-02', justification: 'x' }));
    ok(await repos.requests.submit(r.id));
    as({ id: ids.coord });
    ok(await repos.requests.recordDecision(r.id, { stageIndex: 0, decision: 'approved', decidedBy: ids.boss, method: 'email' }));
    ok(await repos.requests.recordDecision(r.id, { stageIndex: 1, decision: 'approved', decidedBy: ids.owner, method: 'email' }));
    as({ id: ids.tech });
    ok(await repos.requests.tick(r.id, `${clerk.id}:acct`, true));
    const before = await waitingOps(db);
    const last = await repos.requests.tick(r.id, `${clerk.id}:ad`, true);
    expect(last.ok || last.error.message).toBe('Nobody grants themselves access.');
    expect(await waitingOps(db)).toEqual(before);
    expect(await repos.tables.ticks.count()).toBe(1);
    expect(await repos.tables.grants.count()).toBe(0);
  });
});

async function activeGrant(repos: AccessRepositories, ids: Record<string, string>, as: (p: { id: string }) => void, entitlement: Entitlement, person: string, startDate = '2026-03-02', endDate?: string) {
  as({ id: ids.tech! });
  const r = ok(await repos.requests.draft({ forPersonId: person, requestedBy: ids.boss!, systemId: entitlement.systemId, entitlementIds: [entitlement.id], startDate, justification: 'x', ...(endDate ? { endDate } : {}) }));
  ok(await repos.requests.submit(r.id));
  as({ id: ids.coord! });
  const stages = (await repos.tables.requests.get(r.id))!.stages;
  for (let i = 0; i < stages.length; i++) ok(await repos.requests.recordDecision(r.id, { stageIndex: i, decision: 'approved', decidedBy: i === 0 ? ids.boss! : ids.owner!, method: 'email' }));
  const steps = (await repos.tables.requests.get(r.id))!.steps;
  as({ id: ids.tech! });
  if (steps.length === 0) return ok(await repos.requests.complete(r.id))[0]!;
  let grants: unknown[] = [];
  for (const s of steps) grants = ok(await repos.requests.tick(r.id, s.id, true)).grants;
  return grants[0] as { id: string };
}

describe('catalog steps as the editor saves them (no ids: the repository makes them)', () => {
  it('are ticked through to a grant', async () => {
    const { repos, ids, as } = await setup();
    as({ id: ids.coord });
    const e = ok(
      await repos.catalog.saveEntitlement(null, {
        systemId: 'sys-cms',
        name: 'Read-only',
        stages: [{ label: 'Supervisor', approver: 'supervisor', personId: null }],
        provisioning: [{ id: '', text: 'Create the account' }],
        deprovisioning: [{ id: '', text: 'Disable the account' }],
      }),
    );
    expect(e.provisioning[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    const g = await activeGrant(repos, ids, as, e, ids.clerk);
    expect((await repos.tables.grants.get(g.id))?.status).toBe('active');
    as({ id: ids.coord });
    const rev = ok(await repos.grants.revoke(g.id, 'security'));
    as({ id: ids.tech });
    expect(ok(await repos.grants.tick(rev.id, rev.steps[0]!.id, true)).status).toBe('done');
  });
});

describe('expiry, extension and leavers', () => {
  it('expires grants past their last day and extends with one action', async () => {
    const { repos, ids, as, setNow, person } = await setup();
    as({ id: ids.coord });
    const { clerk, recon } = await catalog(repos, ids.owner);
    const dan = await person('Dan Deputy');
    const g = await activeGrant(repos, ids, as, clerk, ids.clerk, '2026-03-02', '2026-03-12');
    const old = await activeGrant(repos, ids, as, recon, dan.id, '2026-01-01', '2026-03-01');
    as({ id: ids.coord });
    const ext = ok(await repos.requests.requestExtension(g.id, 'Still covering courtroom 3'));
    expect(ext).toMatchObject({ status: 'submitted', grantId: g.id, startDate: '2026-03-13', endDate: '2026-09-09' });
    expect((await repos.requests.requestExtension(g.id, 'again')).ok).toBe(false);
    expect(await repos.grants.expireDue()).toBe(1);
    expect((await repos.tables.grants.get(old.id))?.status).toBe('expired');
    setNow('2026-03-20T16:00:00.000Z');
    expect(await repos.grants.expireDue()).toBe(1);
  });

  it('a reconciliation keeps what the account list said on each grant, queued for sync in one transaction; a bad finding changes nothing', async () => {
    const { db, repos, ids, as } = await setup();
    as({ id: ids.coord });
    const { clerk } = await catalog(repos, ids.owner);
    const g = await activeGrant(repos, ids, as, clerk, ids.clerk, '2026-03-02', '2026-09-01');
    const check = { at: '2026-03-03T10:00:00.000Z', source: 'cms-users.csv', account: 'aruiz', role: 'Clerk', lastUsed: '2026-03-01', roleDiffers: false };
    const before = (await waitingOps(db)).length;
    expect(ok(await repos.grants.recordAccountChecks(new Map([[g.id, check], ['gone', check]])))).toEqual({ recorded: 1 });
    expect((await repos.tables.grants.get(g.id))!.accountCheck).toEqual(check);
    const ops = (await waitingOps(db)).slice(before);
    expect(ops.some((o) => o.table === 'grants' && o.id === g.id)).toBe(true);
    // A finding the schema refuses is not kept, and nothing else is either.
    const bad = await repos.grants.recordAccountChecks(new Map([[g.id, { ...check, at: 'yesterday' }]]));
    expect(bad.ok).toBe(false);
    expect((await repos.tables.grants.get(g.id))!.accountCheck).toEqual(check);
  });

  it('a leaver loses every active grant and every list membership in one step, with a summary', async () => {
    const { db, repos, ids, as } = await setup();
    as({ id: ids.coord });
    const { clerk, cashier } = await catalog(repos, ids.owner);
    await activeGrant(repos, ids, as, clerk, ids.clerk);
    await activeGrant(repos, ids, as, cashier, ids.clerk);
    as({ id: ids.coord });
    const list = ok(await repos.lists.save(null, { name: 'Monthly attendance reports: Eastside', address: 'attendance-east@court.example' }));
    ok(await repos.lists.addMember(list.id, { personId: ids.clerk }));
    ok(await repos.lists.addMember(list.id, { personId: ids.boss }));
    const summary = ok(await repos.grants.markLeaver(ids.clerk, '2026-03-02'));
    expect(summary.revoked.map((r) => [r.entitlement, r.done])).toEqual([
      ['Clerk', false],
      ['Cashier', true],
    ]);
    expect(summary.removedFrom.map((r) => r.list)).toEqual(['Monthly attendance reports: Eastside']);
    const grants = await repos.tables.grants.where('personId').equals(ids.clerk).toArray();
    expect(grants.map((g) => g.status).sort()).toEqual(['revoked', 'revoking']);
    const log = await repos.tables.listLog.toArray();
    expect(log.map((l) => [l.action, l.who])).toEqual([
      ['join', 'Ana Ruiz'],
      ['join', 'Bea Boss'],
      ['leave', 'Ana Ruiz'],
    ]);
    expect(await tables(db)).toContain('departures');
    // A second time is refused and changes nothing.
    const before = await waitingOps(db);
    expect((await repos.grants.markLeaver(ids.clerk, '2026-03-02')).ok).toBe(false);
    expect(await waitingOps(db)).toEqual(before);
    expect((await repos.lists.addMember(list.id, { personId: ids.clerk })).ok).toBe(false);
  });
});

describe('reviews', () => {
  it('two reviewers who disagree are both kept and flagged; the close holds back a mass removal', async () => {
    const { repos, ids, as, person } = await setup();
    as({ id: ids.coord });
    const { clerk } = await catalog(repos, ids.owner);
    const r2 = await person('Rae Reviewer', 'staff');
    const g1 = await activeGrant(repos, ids, as, clerk, ids.clerk);
    await activeGrant(repos, ids, as, clerk, (await person('Dan Deputy')).id);
    as({ id: ids.coord });
    const { campaign, items } = ok(await repos.reviews.create({ name: 'Q1 CMS review', systemIds: ['sys-cms'], reviewer: 'systemOwner', fallbackPersonId: ids.coord, dueDate: '2026-03-31', defaultAction: 'revoke', maxRemovalShare: 0.25 }));
    expect(items).toBe(2);
    const all = await repos.tables.items.where('campaignId').equals(campaign.id).toArray();
    expect(all.every((i) => i.reviewerPersonId === ids.owner)).toBe(true);
    const item1 = all.find((i) => i.grantId === g1.id)!;
    as({ id: ids.owner });
    expect((await repos.reviews.decide(item1.id, 'revoke', '')).ok).toBe(false);
    ok(await repos.reviews.decide(item1.id, 'keep'));
    as({ id: r2.id });
    ok(await repos.reviews.decide(item1.id, 'revoke', 'Moved to juvenile'));
    as({ id: ids.clerk });
    const own = await repos.reviews.decide(item1.id, 'keep');
    expect(own.ok || own.error.message).toBe('Nobody reviews their own access.');
    const verdicts = await repos.reviews.verdicts(campaign.id);
    expect(verdicts.get(item1.id)?.kind).toBe('conflict');
    as({ id: ids.coord });
    const held = ok(await repos.reviews.close(campaign.id));
    expect(held).toEqual({ closed: false, needsConfirmation: [{ systemId: 'sys-cms', wouldRevoke: 1, grants: 2, share: 0.5 }] });
    expect((await repos.tables.campaigns.get(campaign.id))?.status).toBe('open');
    const closed = ok(await repos.reviews.close(campaign.id, ['sys-cms']));
    expect(closed).toEqual({ closed: true, revoked: 1, flagged: 1 });
  });
});

describe('recurring campaigns and settling flagged items', () => {
  it('a quarterly campaign makes its next one once its due date comes, with derived ids two laptops share, and only once', async () => {
    const { repos, ids, as } = await setup();
    as({ id: ids.coord });
    const { clerk } = await catalog(repos, ids.owner);
    await activeGrant(repos, ids, as, clerk, ids.clerk);
    as({ id: ids.coord });
    const { campaign } = ok(await repos.reviews.create({ name: 'CMS quarterly review', systemIds: ['sys-cms'], reviewer: 'systemOwner', fallbackPersonId: ids.coord, dueDate: '2026-03-31', recurrence: 'quarterly' }));
    // Not due yet: nothing made.
    expect(ok(await repos.reviews.createDueRecurrences('2026-03-30'))).toEqual([]);
    const before = (await waitingOps(repos.ctx.db)).length;
    const made = ok(await repos.reviews.createDueRecurrences('2026-03-31'));
    expect(made.map((c) => [c.name, c.dueDate, c.seriesId, c.status, c.recurrence])).toEqual([['CMS quarterly review (due 2026-06-30)', '2026-06-30', campaign.id, 'open', 'quarterly']]);
    const items = await repos.tables.items.where('campaignId').equals(made[0]!.id).toArray();
    expect(items).toHaveLength(1);
    expect(items[0]!.id).toMatch(/^ri:[0-9a-f]{12}:/);
    // The campaign, its item and the audit entry are logged for sync together.
    expect((await waitingOps(repos.ctx.db)).length - before).toBe(3);
    // Again (another look, or the same laptop tomorrow): nothing more.
    expect(ok(await repos.reviews.createDueRecurrences('2026-04-01'))).toEqual([]);
    expect((await repos.tables.campaigns.toArray()).filter((c) => !c.deleted)).toHaveLength(2);

    // A second laptop with the same data makes the same records (same ids): they merge into one.
    const { repos: other, ids: ids2, as: as2 } = await setup();
    as2({ id: ids2.coord });
    await other.tables.campaigns.put({ ...campaign });
    expect(ok(await other.reviews.createDueRecurrences('2026-04-02'))[0]!.id).toBe(made[0]!.id);

    // The series goes on from its newest campaign; a year missed is skipped to the first due date after today.
    const later = ok(await repos.reviews.createDueRecurrences('2027-02-10'));
    expect(later.map((c) => [c.dueDate, c.seriesId])).toEqual([['2027-03-31', campaign.id]]);
  });

  it('a conflict flagged at close is settled by a coordinator with a note; a settled revoke starts the revocation', async () => {
    const { repos, ids, as, person } = await setup();
    as({ id: ids.coord });
    const { clerk } = await catalog(repos, ids.owner);
    const r2 = await person('Rae Reviewer', 'staff');
    const g1 = await activeGrant(repos, ids, as, clerk, ids.clerk);
    as({ id: ids.coord });
    const { campaign } = ok(await repos.reviews.create({ name: 'Q1 CMS review', systemIds: ['sys-cms'], reviewer: 'systemOwner', fallbackPersonId: ids.coord, dueDate: '2026-03-31' }));
    const [item] = await repos.tables.items.where('campaignId').equals(campaign.id).toArray();
    as({ id: ids.owner });
    ok(await repos.reviews.decide(item!.id, 'keep'));
    as({ id: r2.id });
    ok(await repos.reviews.decide(item!.id, 'revoke', 'Moved to juvenile'));
    as({ id: ids.coord });
    expect(ok(await repos.reviews.close(campaign.id))).toEqual({ closed: true, revoked: 0, flagged: 1 });
    expect((await repos.tables.items.get(item!.id))?.outcome).toBe('flagged');
    expect((await repos.tables.grants.get(g1.id))?.status).toBe('active');
    const empty = await repos.reviews.resolve(item!.id, 'revoke', '  ');
    expect(empty.ok || empty.error.message).toBe('Say how the item was settled.');
    expect((await repos.tables.items.get(item!.id))?.outcome).toBe('flagged');
    const flaggedPage = (await campaignPage(repos.tables, campaign.id, 50, 'attention'))!;
    expect([flaggedPage.attention, flaggedPage.rows.map((r) => r.item.id)]).toEqual([1, [item!.id]]);
    ok(await repos.reviews.resolve(item!.id, 'revoke', 'Confirmed with the owner: moved'));
    expect((await campaignPage(repos.tables, campaign.id, 50, 'attention'))!.attention).toBe(0);
    expect(await repos.tables.items.get(item!.id)).toMatchObject({ outcome: 'revoke', outcomeNote: 'Confirmed with the owner: moved' });
    const g = await repos.tables.grants.get(g1.id);
    expect(g?.status === 'revoking' || g?.status === 'revoked').toBe(true);
    expect((await repos.tables.revocations.get(g!.revocationId!))?.reason).toBe('review');
  });
});

describe('the campaign page reads one screen', () => {
  it('counts every item and decision but reads only the rows shown; conflicts and "don\'t know" need a coordinator until settled', async () => {
    const { repos, ids, as, person } = await setup();
    as({ id: ids.coord });
    const { clerk } = await catalog(repos, ids.owner);
    for (const name of ['P One', 'P Two', 'P Three']) await activeGrant(repos, ids, as, clerk, (await person(name)).id);
    as({ id: ids.coord });
    const { campaign } = ok(await repos.reviews.create({ name: 'Q1', systemIds: ['sys-cms'], reviewer: 'systemOwner', fallbackPersonId: ids.coord, dueDate: '2026-03-31' }));
    const first = (await campaignPage(repos.tables, campaign.id, 2))!;
    expect([first.total, first.rows.length, first.decided, first.attention]).toEqual([3, 2, 0, 0]);
    as({ id: ids.owner });
    ok(await repos.reviews.decide(first.rows[0]!.item.id, 'keep'));
    ok(await repos.reviews.decide(first.rows[1]!.item.id, 'dont_know'));
    as({ id: ids.boss });
    ok(await repos.reviews.decide(first.rows[0]!.item.id, 'revoke', 'Not on my team'));
    const after = (await campaignPage(repos.tables, campaign.id, 50))!;
    expect([after.total, after.rows.length, after.decided, after.attention]).toEqual([3, 3, 2, 2]);
    expect(after.rows[0]!.verdict.kind).toBe('conflict');
    // The first screen alone reads the shown items' own decisions; the counts come from campaignCounts.
    const fast = (await campaignPage(repos.tables, campaign.id, 2, 'all', false))!;
    expect([fast.total, fast.decided, fast.attention, fast.rows.map((r) => r.verdict.kind)]).toEqual([3, -1, -1, ['conflict', 'decided']]);
    expect(await campaignCounts(repos.tables, campaign.id)).toEqual({ decided: 2, attention: 2 });
    as({ id: ids.coord });
    ok(await repos.reviews.resolve(first.rows[1]!.item.id, 'keep', 'Asked the supervisor'));
    const settled = (await campaignPage(repos.tables, campaign.id, 50, 'attention'))!;
    expect(settled.rows.map((r) => r.item.id)).toEqual([first.rows[0]!.item.id]);
  });
});

describe('distribution lists', () => {
  it('keeps members with end dates, refuses duplicates, and exports for each platform', async () => {
    const { repos, ids, as } = await setup();
    as({ id: ids.tech });
    const list = ok(await repos.lists.save(null, { name: 'Attendance: Eastside', address: 'att-east@district.example', ownerPersonId: ids.boss }));
    ok(await repos.lists.addMember(list.id, { personId: ids.clerk, endDate: '2026-06-30' }));
    ok(await repos.lists.addMember(list.id, { name: 'Vendor, Inc.', email: 'support@vendor.example' }));
    expect((await repos.lists.addMember(list.id, { email: 'SUPPORT@vendor.example' })).ok).toBe(false);
    expect((await repos.lists.addMember(list.id, { name: 'No address' })).ok).toBe(false);
    const { members } = currentMembers(await repos.tables.memberships.where('listId').equals(list.id).toArray());
    expect(exportMembers('m365', list.address, members)).toBe('Name,EmailAddress\r\nAna Ruiz,ana@court.example\r\n"Vendor, Inc.",support@vendor.example\r\n');
    expect(exportMembers('mailman', list.address, members)).toBe('Ana Ruiz <ana@court.example>\nVendor, Inc. <support@vendor.example>\n');
    expect(exportMembers('google', list.address, members).split('\r\n')[1]).toBe('att-east@district.example,ana@court.example,USER,MEMBER');
  });
});
