import { describe, expect, it } from 'vitest';
import { ACCESS_SYNC_TABLES } from '../../../../shared/access/sync-tables';
import { SYNC_TABLES } from '../../../../shared/sync/tables';
import type { RuleRole, TableWriteRule, WriteRuleContext } from '../../../../shared/sync/tables-spec';

type Rec = Record<string, unknown>;
const request = { forPersonId: 'subject', requestedBy: 'boss', createdBy: 'tech', status: 'submitted' };
/** What the server holds (the rules read it through `related`): request r, review item i, revocation v of grant x. */
const STORED: Record<string, Record<string, Rec>> = {
  accessRequests: { r: { ...request, status: 'approved', entitlementIds: ['e'] } },
  reviewItems: { i: { campaignId: 'c', personId: 'subject' } },
  revocations: { v: { grantId: 'x' }, w: { grantId: 'another-grant' } },
};
const ctx = (table: keyof typeof ACCESS_SYNC_TABLES, role: RuleRole, personId: string, before: Rec | null, after: Rec): WriteRuleContext => ({
  user: { id: `u-${personId}`, role, personId },
  table,
  id: 'x',
  before,
  after,
  changed: Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before?.[k])),
  related: (t, id) => STORED[t]?.[id] ?? null,
});
const rule = (t: keyof typeof ACCESS_SYNC_TABLES): TableWriteRule => ACCESS_SYNC_TABLES[t].rule as TableWriteRule;
const check = (c: WriteRuleContext) => rule(c.table as keyof typeof ACCESS_SYNC_TABLES).check?.(c) ?? null;

describe('access tables', () => {
  it('are registered, each with a schema and a rule', () => {
    for (const [name, spec] of Object.entries(ACCESS_SYNC_TABLES)) {
      expect(SYNC_TABLES).toHaveProperty(name);
      expect(spec.schema, name).toBeDefined();
      expect(spec.rule.summary, name).not.toBe('');
    }
  });
  it('name the author field of every append-only table', () => {
    for (const [name, spec] of Object.entries(ACCESS_SYNC_TABLES)) {
      if (spec.merge === 'append') expect((spec.rule as TableWriteRule).authorship, name).toBeDefined();
    }
  });
  it('leave the catalog, approvals, departures and campaigns to leads', () => {
    for (const t of ['entitlements', 'sodRules', 'approvals', 'departures', 'reviewCampaigns', 'reviewItems'] as const) expect(rule(t).roles).toEqual(['coordinator', 'admin']);
  });
});

describe('accessRequests rule', () => {
  it('lets a technician draft and submit a request they entered, not one claiming someone else entered it', () => {
    expect(check(ctx('accessRequests', 'technician', 'tech', null, { ...request, status: 'draft' }))).toBe(null);
    expect(check(ctx('accessRequests', 'technician', 'tech', null, { ...request, status: 'submitted' }))).toBe(null);
    expect(check(ctx('accessRequests', 'technician', 'other', null, { ...request, status: 'draft' }))).toMatch(/entered/);
    expect(check(ctx('accessRequests', 'technician', 'tech', null, { ...request, status: 'active' }))).toMatch(/starts as a draft/);
  });
  it('refuses a technician approving or denying', () => {
    expect(check(ctx('accessRequests', 'technician', 'tech2', request, { ...request, status: 'approved' }))).toMatch(/Only coordinators/);
    expect(check(ctx('accessRequests', 'technician', 'tech2', request, { ...request, status: 'denied' }))).toMatch(/Only coordinators/);
  });
  it('lets a technician provision an approved request and finish it, but not jump states', () => {
    expect(check(ctx('accessRequests', 'technician', 'tech2', { ...request, status: 'approved' }, { ...request, status: 'provisioning' }))).toBe(null);
    expect(check(ctx('accessRequests', 'technician', 'tech2', { ...request, status: 'provisioning' }, { ...request, status: 'active' }))).toBe(null);
    expect(check(ctx('accessRequests', 'technician', 'tech2', { ...request, status: 'submitted' }, { ...request, status: 'active' }))).toMatch(/cannot move/);
    expect(check(ctx('accessRequests', 'technician', 'tech2', { ...request, status: 'denied' }, { ...request, status: 'submitted' }))).toMatch(/cannot move/);
  });
  it('lets a coordinator approve, unless they made, entered or benefit from the request', () => {
    expect(check(ctx('accessRequests', 'coordinator', 'coord', request, { ...request, status: 'approved' }))).toBe(null);
    expect(check(ctx('accessRequests', 'coordinator', 'subject', request, { ...request, status: 'approved' }))).toMatch(/grants them access/);
    expect(check(ctx('accessRequests', 'admin', 'boss', request, { ...request, status: 'approved' }))).toMatch(/they made/);
    expect(check(ctx('accessRequests', 'coordinator', 'tech', request, { ...request, status: 'denied' }))).toMatch(/they made/);
  });
  it('does not look at status when it did not change', () => {
    expect(check(ctx('accessRequests', 'technician', 'tech2', request, { ...request, justification: 'more' }))).toBe(null);
  });
});

describe('approvals rule', () => {
  const entry = { ...request, requestId: 'r', decidedBy: 'boss2', recordedBy: 'coord', sodAccepted: false, sodReason: '' };
  it('records a coordinator’s entry, never a self-approval, never an edit', () => {
    expect(rule('approvals').authorship).toEqual({ actorField: 'recordedBy', deviceField: 'device' });
    expect(check(ctx('approvals', 'coordinator', 'coord', null, entry))).toBe(null);
    expect(check(ctx('approvals', 'coordinator', 'subject', null, entry))).toMatch(/grants them access/);
    expect(check(ctx('approvals', 'coordinator', 'boss', null, entry))).toMatch(/they made/);
    expect(check(ctx('approvals', 'coordinator', 'tech', null, entry))).toMatch(/they made/);
    expect(check(ctx('approvals', 'coordinator', 'coord', null, { ...entry, decidedBy: 'subject' }))).toMatch(/own access/);
    expect(check(ctx('approvals', 'coordinator', 'coord', entry, { ...entry, decision: 'denied' }))).toMatch(/never changed/);
    expect(check(ctx('approvals', 'coordinator', 'coord', null, { ...entry, sodAccepted: true }))).toMatch(/reason/);
    expect(check(ctx('approvals', 'coordinator', 'coord', null, { ...entry, sodAccepted: true, sodReason: 'ok' }))).toBe(null);
  });
  it('judges on the stored request: forged copies do not hide a self-approval, and differ from the request', () => {
    const forged = { ...entry, forPersonId: 'someone', requestedBy: 'someone', createdBy: 'someone' };
    expect(check(ctx('approvals', 'coordinator', 'subject', null, forged))).toMatch(/grants them access/);
    expect(check(ctx('approvals', 'coordinator', 'boss', null, forged))).toMatch(/they made/);
    expect(check(ctx('approvals', 'coordinator', 'coord', null, forged))).toMatch(/must be the request/);
    expect(check(ctx('approvals', 'coordinator', 'coord', null, { ...entry, requestId: 'nowhere' }))).toMatch(/exists/);
    expect(rule('approvals').reads?.(entry)).toEqual([{ table: 'accessRequests', id: 'r' }]);
  });
});

describe('grants rule', () => {
  const grant = { personId: 'subject', systemId: 's', entitlementId: 'e', requestId: 'r', from: '2026-01-01', until: '2026-06-01', status: 'active', revocationId: null };
  it('lets provisioning create a grant of an approved request, not for oneself', () => {
    expect(check(ctx('grants', 'technician', 'tech', null, grant))).toBe(null);
    expect(check(ctx('grants', 'technician', 'tech', null, { ...grant, requestId: null }))).toMatch(/approved request/);
    expect(check(ctx('grants', 'technician', 'tech', null, { ...grant, personId: 'other' }))).toMatch(/asked for/);
    expect(check(ctx('grants', 'technician', 'tech', null, { ...grant, entitlementId: 'f' }))).toMatch(/asked for/);
    expect(check(ctx('grants', 'coordinator', 'coord', null, { ...grant, requestId: null }))).toBe(null);
    expect(check(ctx('grants', 'technician', 'subject', null, grant))).toMatch(/themselves/);
    expect(check(ctx('grants', 'admin', 'subject', null, grant))).toMatch(/themselves/);
  });
  it('keeps a grant’s terms to leads and revocation to a recorded revocation', () => {
    expect(check(ctx('grants', 'technician', 'tech', grant, { ...grant, until: '2027-01-01' }))).toMatch(/extension is a new request/);
    expect(check(ctx('grants', 'coordinator', 'coord', grant, { ...grant, until: '2027-01-01' }))).toBe(null);
    expect(check(ctx('grants', 'technician', 'tech', grant, { ...grant, status: 'revoked' }))).toMatch(/through a revocation/);
    expect(check(ctx('grants', 'technician', 'tech', { ...grant, status: 'revoking', revocationId: 'v' }, { ...grant, status: 'revoked', revocationId: 'v' }))).toBe(null);
    expect(check(ctx('grants', 'technician', 'tech', grant, { ...grant, status: 'revoked', revocationId: 'w' }))).toMatch(/through a revocation/);
    expect(check(ctx('grants', 'technician', 'tech', grant, { ...grant, status: 'revoked', revocationId: 'nowhere' }))).toMatch(/through a revocation/);
    expect(check(ctx('grants', 'technician', 'tech', grant, { ...grant, deleted: 1 }))).toMatch(/delete/);
  });
});

describe('revocations rule', () => {
  const rev = { grantId: 'g', personId: 'p', reason: 'security', status: 'open', recordedBy: 'coord' };
  it('lets leads record, technicians only finish', () => {
    expect(check(ctx('revocations', 'coordinator', 'coord', null, rev))).toBe(null);
    expect(check(ctx('revocations', 'technician', 'tech', null, rev))).toMatch(/Only coordinators/);
    expect(check(ctx('revocations', 'technician', 'tech', rev, { ...rev, status: 'done', doneAt: '2026-01-01T00:00:00.000Z' }))).toBe(null);
    expect(check(ctx('revocations', 'technician', 'tech', rev, { ...rev, reason: 'other' }))).toMatch(/only mark/);
    expect(check(ctx('revocations', 'technician', 'tech', { ...rev, status: 'done' }, { ...rev, status: 'open' }))).toMatch(/only mark/);
  });
});

describe('reviewDecisions rule', () => {
  const d = { itemId: 'i', campaignId: 'c', personId: 'subject', decision: 'keep', reason: '', decidedBy: 'rev' };
  it('refuses reviewing one’s own access, a revoke without reason, and edits', () => {
    expect(check(ctx('reviewDecisions', 'technician', 'rev', null, d))).toBe(null);
    expect(check(ctx('reviewDecisions', 'technician', 'subject', null, d))).toMatch(/own access/);
    expect(check(ctx('reviewDecisions', 'technician', 'rev', null, { ...d, decision: 'revoke' }))).toMatch(/reason/);
    expect(check(ctx('reviewDecisions', 'technician', 'rev', null, { ...d, decision: 'revoke', reason: 'moved' }))).toBe(null);
    expect(check(ctx('reviewDecisions', 'technician', 'rev', d, { ...d, decision: 'revoke', reason: 'x' }))).toMatch(/never changed/);
    // Judged on the stored item: a forged person copy hides nothing, and differs from the item.
    expect(check(ctx('reviewDecisions', 'technician', 'subject', null, { ...d, personId: 'someone' }))).toMatch(/own access/);
    expect(check(ctx('reviewDecisions', 'technician', 'rev', null, { ...d, personId: 'someone' }))).toMatch(/must be its item/);
    expect(check(ctx('reviewDecisions', 'technician', 'rev', null, { ...d, itemId: 'nowhere' }))).toMatch(/exists/);
  });
});

describe('append-only logs', () => {
  it('refuse edits of ticks, audit and list log entries', () => {
    for (const t of ['provisioningSteps', 'accessAudit', 'listLog'] as const) {
      expect(check(ctx(t, 'admin', 'a', null, { x: 1 }))).toBe(null);
      expect(check(ctx(t, 'admin', 'a', { x: 1 }, { x: 2 }))).toMatch(/never changed/);
    }
    expect(rule('accessAudit').authorship).toEqual({ actorField: 'actor', deviceField: 'device' });
    expect(rule('provisioningSteps').authorship).toEqual({ actorField: 'by', deviceField: 'device' });
    expect(rule('listLog').authorship).toEqual({ actorField: 'actor', deviceField: 'device' });
  });
});
