import { describe, expect, it } from 'vitest';
import { campaignSummaryHtml, CampaignSummarySchema } from '../../../../shared/access/print/campaignSummary';
import { distributionListHtml, DistributionListPrintSchema } from '../../../../shared/access/print/distributionList';
import { accessRequestFormHtml, AccessRequestFormSchema } from '../../../../shared/access/print/requestForm';
import { pageSetup } from '../../../../shared/print/pageSetup';

const form = (over: Record<string, unknown> = {}) =>
  AccessRequestFormSchema.parse({
    kind: 'accessRequestForm',
    reference: 'AB12CD34',
    forPerson: 'Ana <b>Ruiz</b>',
    system: 'Case Management',
    entitlements: ['Clerk', 'Cashier'],
    justification: 'Needs <script>alert(1)</script> access',
    startDate: 'Mar 2, 2026',
    stages: [{ label: 'Supervisor' }, { label: 'System owner', recorded: 'approved by Omar Owner (E-mail)' }],
    ...over,
  });

describe('access request form', () => {
  it('escapes every value, prints a signature block per stage, and a conflict line only when there is one', () => {
    const html = accessRequestFormHtml(form(), pageSetup('A4'), []);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('Ana &#60;b&#62;Ruiz&#60;/b&#62;');
    expect(html.match(/class="sign"/g)).toHaveLength(2);
    expect(html).toContain('Stage 2: System owner');
    expect(html).toContain('Recorded: approved by Omar Owner (E-mail)');
    expect(html).toContain('No end date');
    expect(html).not.toContain('Separation-of-duties conflict');
    expect(accessRequestFormHtml(form({ sodConflicts: ['Cashier conflicts with Cash reconciliation'] }), pageSetup('Letter'), [])).toContain('Reason for accepting the conflict');
    expect(html).toContain('size: A4');
  });
  it('refuses a form with no stage or no entitlement, and unknown fields', () => {
    expect(AccessRequestFormSchema.safeParse({ ...form(), stages: [] }).success).toBe(false);
    expect(AccessRequestFormSchema.safeParse({ ...form(), entitlements: [] }).success).toBe(false);
    expect(AccessRequestFormSchema.safeParse({ ...form(), html: '<p>' }).success).toBe(false);
  });
});

describe('campaign summary', () => {
  it('shows the counts and escapes the rows', () => {
    const doc = CampaignSummarySchema.parse({
      kind: 'campaignSummary',
      name: 'Q1 <review>',
      due: 'Mar 31, 2026',
      status: 'Open',
      defaultAction: 'keep and flag',
      counts: { items: 3, keep: 1, revoke: 1, change: 0, dontKnow: 0, conflicts: 1, undecided: 0 },
      rows: [{ person: 'Ana', access: 'CMS: Clerk', decision: 'Revoke', by: 'Rae', at: 'Mar 3', reason: 'Left <team>' }],
    });
    const html = campaignSummaryHtml(doc, pageSetup('Letter'), []);
    expect(html).toContain('Access review: Q1 &#60;review&#62;');
    expect(html).toContain('Left &#60;team&#62;');
    expect(html).toContain('<td>3</td><td>1</td><td>1</td><td>0</td><td>0</td><td>1</td><td>0</td>');
    expect(campaignSummaryHtml({ ...doc, rows: [] }, pageSetup('Letter'), [])).toContain('Every item was kept.');
  });
});

describe('distribution list', () => {
  const list = (over: Record<string, unknown> = {}) =>
    DistributionListPrintSchema.parse({
      kind: 'distributionList',
      name: 'Attendance <Eastside>',
      address: 'attendance@district.example',
      owner: 'Omar Owner',
      purpose: 'Monthly reports & <notes>',
      lastReviewed: 'Never reviewed',
      members: [
        { name: 'Ana Ruiz', email: 'ana@court.example', until: 'Jun 30, 2026', note: '' },
        { name: '', email: 'vendor@outside.example', until: '', note: '' },
        { name: 'Bea <b>Boss</b>', email: '', until: '', note: 'Departed' },
      ],
      ...over,
    });
  it('escapes every value, numbers each member, says what is missing and carries the owner’s signature line', () => {
    const html = distributionListHtml(list(), pageSetup('A4'), []);
    expect(html).toContain('Distribution list: Attendance &#60;Eastside&#62;');
    expect(html).toContain('Monthly reports &#38; &#60;notes&#62;');
    expect(html).toContain('Bea &#60;b&#62;Boss&#60;/b&#62;');
    expect(html).not.toContain('<b>Boss');
    expect(html).toContain('<td>3</td>');
    expect(html).toContain('Outside address');
    expect(html).toContain('<em>No address</em>');
    expect(html).toContain('No end date');
    expect(html).toContain('3 members');
    expect(html).toContain('Owner’s signature');
    expect(html).toContain('size: A4');
    expect(distributionListHtml(list({ members: [] }), pageSetup('Letter'), [])).toContain('<p>No members.</p>');
  });
  it('refuses unknown fields and a list without a name', () => {
    expect(DistributionListPrintSchema.safeParse({ ...list(), html: '<p>' }).success).toBe(false);
    expect(DistributionListPrintSchema.safeParse({ ...list(), name: ' ' }).success).toBe(false);
  });
});
