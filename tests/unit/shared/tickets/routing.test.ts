import { describe, expect, it } from 'vitest';
import { RoutingRuleSchema, suggestRoute, type RoutingRuleInput } from '../../../../shared/tickets/routing';

const rule = (r: Partial<RoutingRuleInput> & { id: string; teamId: string }) => RoutingRuleSchema.parse({ name: r.id, ...r });

const rules = [
  rule({ id: 'r-catchall', teamId: 'team-desk', order: 999 }),
  rule({ id: 'r-efile', teamId: 'team-efile', systemId: 'sys-efile' }),
  rule({ id: 'r-efile-hoj', teamId: 'team-downtown', systemId: 'sys-efile', siteId: 'site-hoj' }),
  rule({ id: 'r-payroll-access', teamId: 'team-hr', systemId: 'sys-payroll', category: 'Access' }),
  rule({ id: 'r-printing', teamId: 'team-field', category: 'Printing', order: 10 }),
  rule({ id: 'r-printing-b', teamId: 'team-other', category: 'printing', order: 20 }),
  rule({ id: 'r-disabled', teamId: 'team-nobody', systemId: 'sys-efile', siteId: 'site-hoj', category: 'Filing', enabled: false }),
];

describe('suggestRoute', () => {
  it('the most specific matching rule wins', () => {
    expect(suggestRoute({ systemId: 'sys-efile', siteId: 'site-hoj', category: 'Filing' }, rules)).toMatchObject({
      teamId: 'team-downtown',
      ruleId: 'r-efile-hoj',
      specificity: 2,
    });
    expect(suggestRoute({ systemId: 'sys-efile', siteId: 'site-annex' }, rules)?.teamId).toBe('team-efile');
  });

  it('between equally specific rules, the lower order wins', () => {
    expect(suggestRoute({ category: 'Printing' }, rules)?.ruleId).toBe('r-printing');
    expect(suggestRoute({ category: 'Printing' }, [...rules].reverse())?.ruleId).toBe('r-printing');
  });

  it('matches categories regardless of case and spacing', () => {
    expect(suggestRoute({ systemId: 'sys-payroll', category: '  access ' }, rules)?.teamId).toBe('team-hr');
  });

  it('a named field never matches a ticket that leaves it empty', () => {
    expect(suggestRoute({ systemId: null, category: '' }, rules)?.ruleId).toBe('r-catchall');
  });

  it('ignores disabled and deleted rules, and returns null when nothing matches', () => {
    const live = rules.filter((r) => r.id !== 'r-catchall');
    expect(suggestRoute({ systemId: 'sys-jury' }, live)).toBeNull();
    const deleted = rules.map((r) => ({ ...r, deleted: 1 as const }));
    expect(suggestRoute({ systemId: 'sys-efile' }, deleted)).toBeNull();
  });

  it('rule ids break the last tie so every device agrees', () => {
    const a = rule({ id: 'a', teamId: 'team-a', systemId: 's' });
    const b = rule({ id: 'b', teamId: 'team-b', systemId: 's' });
    expect(suggestRoute({ systemId: 's' }, [b, a])?.teamId).toBe('team-a');
  });
});
