import { describe, expect, it } from 'vitest';
import { accessHref, ACCESS_VIEWS, parseAccessHash } from '../../../../renderer/src/features/access/route';

describe('access routes', () => {
  it('read back what they write, for every view, page and the prefilled form', () => {
    for (const view of ACCESS_VIEWS) expect(parseAccessHash(accessHref({ view }))).toEqual({ view });
    for (const view of ['request', 'grant', 'list', 'campaign'] as const) expect(parseAccessHash(accessHref({ view, id: 'a/b c' }))).toEqual({ view, id: 'a/b c' });
    const form = { view: 'new' as const, ticket: 't1', person: 'p1', system: 's1' };
    expect(accessHref(form)).toBe('#/access/new?ticket=t1&person=p1&system=s1');
    expect(parseAccessHash(accessHref(form))).toEqual(form);
    expect(parseAccessHash('#/access/new')).toEqual({ view: 'new' });
    // A correction from a reconciliation finding: the grant, the entitlement the account holds, and why.
    const correction = { view: 'new' as const, person: 'p1', system: 's1', grant: 'g 1', entitlement: 'e&2', why: 'Holds “Clerk”; granted Read-only?' };
    expect(parseAccessHash(accessHref(correction))).toEqual(correction);
    expect(parseAccessHash('#/access/catalog?sod')).toEqual({ view: 'catalog' });
  });
  it('fall back to the waiting requests for anything else', () => {
    expect(parseAccessHash('#/access')).toEqual({ view: 'waiting' });
    expect(parseAccessHash('#/access/nonsense')).toEqual({ view: 'waiting' });
    expect(parseAccessHash('#/access/request')).toEqual({ view: 'waiting' });
    expect(parseAccessHash('#/tickets/x')).toEqual({ view: 'waiting' });
  });
});
