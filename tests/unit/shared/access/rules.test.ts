import { describe, expect, it } from 'vitest';
import {
  addDays,
  allStepsDone,
  canMove,
  checkDates,
  checkReviewDecision,
  checkStageDecision,
  defaultEndDate,
  describeConflict,
  expiryWindow,
  grantState,
  itemVerdict,
  mergeStages,
  move,
  planCampaignClose,
  planLeaver,
  reconcile,
  accountChecks,
  accountCheckText,
  reviewerFor,
  sodConflicts,
  stageProgress,
  type AccountRow,
  type GrantForMatch,
  type ItemVerdict,
} from '../../../../shared/access/rules';
import type { Stage } from '../../../../shared/access/schema';

const stage = (label: string, approver: Stage['approver'] = 'supervisor'): Stage => ({ label, approver, personId: null });
const approval = (stageIndex: number, decision: 'approved' | 'denied', at = '2026-03-01T10:00:00.000Z', id = `a${stageIndex}${at}`) => ({ id, stageIndex, decision, at });

describe('lifecycle', () => {
  it('allows the documented moves and nothing else', () => {
    expect(canMove('draft', 'submitted')).toBe(true);
    expect(canMove('submitted', 'approved')).toBe(true);
    expect(canMove('approved', 'provisioning')).toBe(true);
    expect(canMove('provisioning', 'active')).toBe(true);
    expect(canMove('active', 'expiring')).toBe(true);
    expect(canMove('expiring', 'revoked')).toBe(true);
    expect(canMove('draft', 'approved')).toBe(false);
    expect(canMove('submitted', 'active')).toBe(false);
    expect(canMove('denied', 'approved')).toBe(false);
    expect(canMove('revoked', 'active')).toBe(false);
    expect(canMove('cancelled', 'submitted')).toBe(false);
    expect(move('expired', 'active').ok).toBe(false);
  });
});

describe('stages', () => {
  const stages = [stage('Supervisor'), stage('System owner', 'systemOwner')];
  it('are decided in order; a denial stops the request', () => {
    expect(stageProgress(stages, [])).toMatchObject({ kind: 'pending', index: 0 });
    expect(stageProgress(stages, [approval(0, 'approved')])).toMatchObject({ kind: 'pending', index: 1, stage: { label: 'System owner' } });
    expect(stageProgress(stages, [approval(0, 'approved'), approval(1, 'approved')])).toEqual({ kind: 'approved' });
    expect(stageProgress(stages, [approval(0, 'denied')])).toEqual({ kind: 'denied', index: 0 });
  });
  it('take the latest decision of a stage', () => {
    expect(stageProgress(stages, [approval(0, 'denied', '2026-03-01T10:00:00.000Z'), approval(0, 'approved', '2026-03-02T10:00:00.000Z'), approval(1, 'approved')])).toEqual({ kind: 'approved' });
  });
  it('merge entitlements’ stages without repeating one', () => {
    expect(mergeStages([{ stages: [stage('Supervisor'), stage('Owner', 'systemOwner')] }, { stages: [stage('supervisor'), stage('Finance', 'person')] }]).map((s) => s.label)).toEqual(['Supervisor', 'Owner', 'Finance']);
  });
  const request = { status: 'submitted' as const, stages, sodConflicts: [] as string[], signedFormRequired: false, attachmentIds: [] as string[] };
  const entry = { stageIndex: 0, decision: 'approved' as const, sodAccepted: false, sodReason: '', method: 'email', evidenceIds: [] as string[] };
  it('refuse a decision out of order, on a request not submitted, or when all are decided', () => {
    expect(checkStageDecision(request, [], entry).ok).toBe(true);
    const skip = checkStageDecision(request, [], { ...entry, stageIndex: 1 });
    expect(skip.ok || skip.error.message).toContain('"Supervisor" comes next');
    expect(checkStageDecision({ ...request, status: 'draft' }, [], entry).ok).toBe(false);
    expect(checkStageDecision(request, [approval(0, 'approved'), approval(1, 'approved')], entry).ok).toBe(false);
  });
  it('require an accepted SoD conflict with a reason, and signed-form evidence', () => {
    const sod = { ...request, sodConflicts: ['Cashier and Cash reconciliation are incompatible'] };
    expect(checkStageDecision(sod, [], entry).ok).toBe(false);
    expect(checkStageDecision(sod, [], { ...entry, sodAccepted: true }).ok).toBe(false);
    expect(checkStageDecision(sod, [], { ...entry, sodAccepted: true, sodReason: 'Small office; supervisor reconciles' }).ok).toBe(true);
    expect(checkStageDecision(sod, [], { ...entry, decision: 'denied' }).ok).toBe(true);
    expect(checkStageDecision(request, [], { ...entry, method: 'signed_form' }).ok).toBe(false);
    expect(checkStageDecision(request, [], { ...entry, method: 'signed_form', evidenceIds: ['att1'] }).ok).toBe(true);
  });
});

describe('durations', () => {
  const clerk = { name: 'Clerk', maxDays: 365, defaultDays: 180 };
  const temp = { name: 'Temporary admin', maxDays: 30, defaultDays: 7 };
  it('keep the end within the tightest maximum', () => {
    expect(checkDates('2026-01-01', '2026-12-31', [clerk]).ok).toBe(true);
    expect(checkDates('2026-01-01', '2027-01-02', [clerk]).ok).toBe(false);
    const r = checkDates('2026-01-01', '2026-03-01', [clerk, temp]);
    expect(r.ok || r.error.message).toContain('Temporary admin may be granted for at most 30 days');
    expect(checkDates('2026-01-01', null, [clerk]).ok).toBe(false);
    expect(checkDates('2026-01-01', null, [{ name: 'Read-only', maxDays: null }]).ok).toBe(true);
    expect(checkDates('2026-02-01', '2026-01-01', [{ name: 'Read-only', maxDays: null }]).ok).toBe(false);
  });
  it('default to the shortest default within the maximum', () => {
    expect(defaultEndDate('2026-01-01', [clerk])).toBe('2026-06-30');
    expect(defaultEndDate('2026-01-01', [clerk, temp])).toBe('2026-01-08');
    expect(defaultEndDate('2026-01-01', [{ maxDays: 10, defaultDays: 90 }])).toBe('2026-01-11');
    expect(defaultEndDate('2026-01-01', [{ maxDays: null, defaultDays: null }])).toBe(null);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });
});

describe('separation of duties', () => {
  const rules = [{ id: 's1', entitlementA: 'cashier', entitlementB: 'recon', reason: 'Handles and checks cash', deleted: 0 as const }];
  it('finds a conflict in either direction, held or requested together', () => {
    expect(sodConflicts(['recon'], ['cashier'], rules)).toEqual([{ requested: 'recon', other: 'cashier', held: true, rule: { id: 's1', reason: 'Handles and checks cash' } }]);
    expect(sodConflicts(['cashier'], ['recon'], rules)).toHaveLength(1);
    expect(sodConflicts(['cashier', 'recon'], [], rules)).toHaveLength(1);
    expect(sodConflicts(['cashier'], ['clerk'], rules)).toEqual([]);
    expect(sodConflicts(['cashier'], ['recon'], [{ ...rules[0]!, deleted: 1 }])).toEqual([]);
    const names: Record<string, string> = { cashier: 'Cashier', recon: 'Cash reconciliation' };
    expect(describeConflict(sodConflicts(['cashier'], ['recon'], rules)[0]!, (id) => names[id]!)).toBe('Cashier conflicts with Cash reconciliation, which this person already holds (Handles and checks cash)');
  });
});

describe('expiry', () => {
  it('warns 14 days and 1 day ahead, then expires', () => {
    expect(expiryWindow('2026-03-31', '2026-03-01')).toBe(null);
    expect(expiryWindow('2026-03-15', '2026-03-01')).toBe('fortnight');
    expect(expiryWindow('2026-03-16', '2026-03-01')).toBe(null);
    expect(expiryWindow('2026-03-02', '2026-03-01')).toBe('day');
    expect(expiryWindow('2026-03-01', '2026-03-01')).toBe('day');
    expect(expiryWindow('2026-02-28', '2026-03-01')).toBe('expired');
    expect(expiryWindow(null, '2026-03-01')).toBe(null);
    expect(grantState({ status: 'active', until: '2026-03-10' }, '2026-03-01')).toBe('expiring');
    expect(grantState({ status: 'active', until: '2026-02-10' }, '2026-03-01')).toBe('expired');
    expect(grantState({ status: 'revoked', until: '2026-12-10' }, '2026-03-01')).toBe('revoked');
    expect(grantState({ status: 'active', until: null }, '2026-03-01')).toBe('active');
  });
});

describe('steps', () => {
  it('count the latest tick of each step', () => {
    const steps = [{ id: 'a' }, { id: 'b' }];
    expect(allStepsDone(steps, [{ id: '1', stepId: 'a', done: true, at: '1' }])).toBe(false);
    expect(allStepsDone(steps, [{ id: '1', stepId: 'a', done: true, at: '1' }, { id: '2', stepId: 'b', done: true, at: '2' }])).toBe(true);
    expect(allStepsDone(steps, [{ id: '1', stepId: 'a', done: true, at: '1' }, { id: '2', stepId: 'b', done: true, at: '2' }, { id: '3', stepId: 'b', done: false, at: '3' }])).toBe(false);
    expect(allStepsDone([], [])).toBe(true);
  });
});

describe('leavers', () => {
  it('lose every active grant and list membership, nobody else’s', () => {
    const plan = planLeaver(
      'p1',
      [
        { id: 'g1', personId: 'p1', status: 'active', deleted: 0 },
        { id: 'g2', personId: 'p1', status: 'revoked', deleted: 0 },
        { id: 'g3', personId: 'p1', status: 'revoking', deleted: 0 },
        { id: 'g4', personId: 'p2', status: 'active', deleted: 0 },
      ],
      [
        { id: 'm1', personId: 'p1', status: 'member', deleted: 0 },
        { id: 'm2', personId: 'p1', status: 'removed', deleted: 0 },
        { id: 'm3', personId: null, status: 'member', deleted: 0 },
      ],
    );
    expect(plan).toEqual({ revokeGrantIds: ['g1'], alreadyRevoking: ['g3'], removeMembershipIds: ['m1'] });
  });
});

describe('reviews', () => {
  const d = (decidedBy: string, decision: 'keep' | 'revoke' | 'change' | 'dont_know', at: string, reason = '') => ({ id: `${decidedBy}${at}`, decidedBy, decision, at, reason });
  it('keep each reviewer’s latest decision and flag two reviewers who disagree', () => {
    expect(itemVerdict([])).toEqual({ kind: 'undecided' });
    expect(itemVerdict([d('r1', 'revoke', '1', 'left'), d('r1', 'keep', '2')])).toMatchObject({ kind: 'decided', decision: 'keep' });
    const v = itemVerdict([d('r1', 'keep', '1'), d('r2', 'revoke', '2', 'moved')]);
    expect(v.kind).toBe('conflict');
    expect(v.kind === 'conflict' && v.decisions.map((x) => x.by)).toEqual(['r1', 'r2']);
    expect(itemVerdict([d('r1', 'keep', '1'), d('r2', 'keep', '2')])).toMatchObject({ kind: 'decided', decision: 'keep', by: 'r2' });
  });
  it('require a reason to revoke', () => {
    expect(checkReviewDecision('revoke', ' ').ok).toBe(false);
    expect(checkReviewDecision('revoke', 'Changed role').ok).toBe(true);
    expect(checkReviewDecision('keep', '').ok).toBe(true);
  });
  it('pick the owner or supervisor, falling back, never the person themselves', () => {
    expect(reviewerFor('systemOwner', { owner: 'o', supervisor: 's' }, 'f', 'p')).toBe('o');
    expect(reviewerFor('supervisor', { owner: 'o', supervisor: null }, 'f', 'p')).toBe('f');
    expect(reviewerFor('systemOwner', { owner: 'p', supervisor: null }, 'f', 'p')).toBe('f');
    expect(reviewerFor('systemOwner', { owner: null, supervisor: null }, null, 'p')).toBe(null);
  });

  const items = Array.from({ length: 10 }, (_, i) => ({ id: `i${i}`, systemId: i < 8 ? 'cms' : 'fin' }));
  const decided = (decision: 'keep' | 'revoke' | 'dont_know'): ItemVerdict => ({ kind: 'decided', decision, by: 'r', at: '1', reason: 'x' });
  it('close with keep-and-flag: silent and unsure items are flagged, decisions stand', () => {
    const verdicts = new Map<string, ItemVerdict>([
      ['i0', decided('keep')],
      ['i1', decided('revoke')],
      ['i2', decided('dont_know')],
      ['i3', { kind: 'conflict', decisions: [] }],
    ]);
    const plan = planCampaignClose({ campaign: { defaultAction: 'keep_flag', maxRemovalShare: 0.25 }, items, verdicts, grantsPerSystem: new Map([['cms', 100], ['fin', 2]]) });
    expect(plan.outcomes.get('i0')).toBe('keep');
    expect(plan.outcomes.get('i1')).toBe('revoke');
    expect(plan.outcomes.get('i2')).toBe('flagged');
    expect(plan.outcomes.get('i3')).toBe('flagged');
    expect(plan.outcomes.get('i5')).toBe('flagged');
    expect(plan.revokeItemIds).toEqual(['i1']);
    expect(plan.needsConfirmation).toEqual([]);
  });
  it('close with revoke: a default that removes more than the share asks a coordinator first', () => {
    const verdicts = new Map<string, ItemVerdict>([['i0', decided('keep')]]);
    const grantsPerSystem = new Map([['cms', 100], ['fin', 2]]);
    const campaign = { defaultAction: 'revoke' as const, maxRemovalShare: 0.25 };
    const plan = planCampaignClose({ campaign, items, verdicts, grantsPerSystem });
    // cms: 7 of 100 silent → revoked; fin: 2 of 2 → held for a coordinator.
    expect(plan.outcomes.get('i5')).toBe('revoke');
    expect(plan.outcomes.get('i8')).toBe('flagged');
    expect(plan.needsConfirmation).toEqual([{ systemId: 'fin', wouldRevoke: 2, grants: 2, share: 1 }]);
    const confirmed = planCampaignClose({ campaign, items, verdicts, grantsPerSystem, confirmedSystems: new Set(['fin']) });
    expect(confirmed.outcomes.get('i8')).toBe('revoke');
    expect(confirmed.needsConfirmation).toEqual([]);
    expect(confirmed.revokeItemIds).toHaveLength(9);
  });
});

describe('reconciliation', () => {
  const grants: GrantForMatch[] = [
    { grantId: 'g1', personId: 'p1', personName: 'Ana Ruiz', email: 'aruiz@court.example', entitlementName: 'Clerk' },
    { grantId: 'g2', personId: 'p2', personName: 'Ben Okafor', email: 'bokafor@court.example', entitlementName: 'Judicial Officer' },
    { grantId: 'g3', personId: 'p3', personName: 'Cy Tran', email: 'ctran@court.example', entitlementName: 'Read-only' },
  ];
  const row = (p: Partial<AccountRow>): AccountRow => ({ account: '', email: '', name: '', role: '', lastUsed: '', ...p });
  it('finds orphans, grants with no account, and entitlement mismatches', () => {
    const r = reconcile([row({ email: 'ARuiz@court.example', role: 'clerk' }), row({ account: 'bokafor', role: 'Clerk' }), row({ account: 'zz', name: 'Zed Unknown', role: 'Admin' })], grants);
    expect(r.matched).toEqual([{ row: 0, grantId: 'g1' }]);
    expect(r.mismatched.map((m) => [m.row, m.grants.map((g) => g.grantId)])).toEqual([[1, ['g2']]]);
    expect(r.orphans.map((o) => o.row)).toEqual([2]);
    expect(r.missing.map((g) => g.grantId)).toEqual(['g3']);
  });
  it('each grant covered keeps what the export said of its account, in words for reviewers', () => {
    const rows = [row({ email: 'ARuiz@court.example', account: 'aruiz', role: 'clerk', lastUsed: '2026-10-30' }), row({ account: 'bokafor', role: 'Clerk' }), row({ account: 'zz', name: 'Zed Unknown', role: 'Admin' })];
    const checks = accountChecks(reconcile(rows, grants), rows, '2026-11-03T15:00:00.000Z', 'cms-users.xlsx');
    expect([...checks.keys()].sort()).toEqual(['g1', 'g2', 'g3']);
    expect(checks.get('g1')).toEqual({ at: '2026-11-03T15:00:00.000Z', source: 'cms-users.xlsx', account: 'aruiz', role: 'clerk', lastUsed: '2026-10-30', roleDiffers: false });
    expect(checks.get('g2')).toMatchObject({ account: 'bokafor', role: 'Clerk', roleDiffers: true });
    expect(checks.get('g3')).toMatchObject({ account: '' });
    expect(accountCheckText(checks.get('g1')!)).toEqual({ text: 'Account aruiz, last used 2026-10-30 (cms-users.xlsx, read 2026-11-03)', warn: false });
    expect(accountCheckText(checks.get('g2')!)).toEqual({ text: 'Account bokafor holds “Clerk”, not this entitlement; no last use given (cms-users.xlsx, read 2026-11-03)', warn: true });
    expect(accountCheckText(checks.get('g3')!)).toEqual({ text: 'No account in the system’s export (cms-users.xlsx, read 2026-11-03)', warn: true });
    expect(accountCheckText(null)).toEqual({ text: 'No account list imported', warn: false });
  });
  it('matches by full name when nothing else is given, and any role when the export has none', () => {
    const r = reconcile([row({ name: ' cy  tran ' })], grants);
    expect(r.matched).toEqual([{ row: 0, grantId: 'g3' }]);
  });
});
