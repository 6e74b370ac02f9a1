// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type FieldDeskDb } from '../../../../../renderer/src/data/db';

let db: FieldDeskDb;
let n = 0;
vi.mock('../../../../../renderer/src/app/data-context', () => ({ useData: () => ({ db }) }));
const { PersonPage } = await import('../../../../../renderer/src/features/people/PersonPage');

const meta = { stamps: {}, deleted: 0, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
const day = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

beforeEach(async () => {
  db = await openDatabase(`person-access-${++n}-${Math.random().toString(36).slice(2)}`);
  await db.people.put({ id: 'p-ana', name: 'Ana Ruiz', kind: 'staff', email: 'ana@court.example', phone: '', title: 'Clerk', agency: 'Superior Court', site: '', ...meta } as never);
  await db.table('systems').bulkPut([{ id: 'sys-cms', name: 'Case management', ...meta }, { id: 'sys-efile', name: 'E-filing', ...meta }]);
  await db.table('entitlements').bulkPut([
    { id: 'ent-clerk', systemId: 'sys-cms', name: 'Clerk role', ...meta },
    { id: 'ent-judge', systemId: 'sys-cms', name: 'Judicial officer', ...meta },
    { id: 'ent-filer', systemId: 'sys-efile', name: 'Filer', ...meta },
  ]);
  await db.table('grants').bulkPut([
    { id: 'g-active', personId: 'p-ana', systemId: 'sys-cms', entitlementId: 'ent-clerk', from: day(-100), until: day(200), status: 'active', ...meta },
    { id: 'g-soon', personId: 'p-ana', systemId: 'sys-efile', entitlementId: 'ent-filer', from: day(-100), until: day(5), status: 'active', ...meta },
    { id: 'g-gone', personId: 'p-ana', systemId: 'sys-cms', entitlementId: 'ent-judge', from: day(-100), until: day(-1), status: 'revoked', ...meta },
    { id: 'g-other', personId: 'p-ben', systemId: 'sys-cms', entitlementId: 'ent-judge', from: day(-100), until: null, status: 'active', ...meta },
  ]);
  await db.table('accessRequests').bulkPut([
    { id: 'r-open', forPersonId: 'p-ana', systemId: 'sys-cms', entitlementIds: ['ent-judge'], status: 'submitted', ...meta },
    { id: 'r-denied', forPersonId: 'p-ana', systemId: 'sys-efile', entitlementIds: ['ent-filer'], status: 'denied', ...meta },
  ]);
  await db.table('distributionLists').bulkPut([
    { id: 'l-clerks', name: 'All clerks', address: 'clerks@court.example', ...meta },
    { id: 'l-old', name: 'Old project', address: '', ...meta },
  ]);
  await db.table('listMemberships').bulkPut([
    { id: 'm-1', listId: 'l-clerks', personId: 'p-ana', name: '', email: '', endDate: null, status: 'member', ...meta },
    { id: 'm-2', listId: 'l-old', personId: 'p-ana', name: '', email: '', endDate: null, status: 'removed', ...meta },
  ]);
});
afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

describe("a person's page shows their access", () => {
  it('active and expiring grants (system, entitlement, until), open requests and lists, by name, linking to the Access screen', async () => {
    render(<PersonPage id="p-ana" />);
    const held = await screen.findByRole('table', { name: 'Access they hold' });
    const rows = within(held).getAllByRole('row').slice(1).map((r) => r.textContent);
    // Soonest end first; the revoked grant and another person's are not shown.
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^E-filingFiler.*\(5 days left\)Expiring$/);
    expect(rows[1]).toMatch(/^Case managementClerk role.*Active$/);
    expect(within(held).getByRole('link', { name: 'Clerk role' }).getAttribute('href')).toBe('#/access/grant/g-active');
    expect(screen.queryByText('Judicial officer', { selector: 'table a' })).toBeNull();

    const requests = screen.getByRole('list', { name: 'Their open access requests' });
    expect(within(requests).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Case management: Judicial officer — Waiting for approval']);
    expect(within(requests).getByRole('link').getAttribute('href')).toBe('#/access/request/r-open');

    const lists = screen.getByRole('list', { name: 'Distribution lists they are on' });
    expect(within(lists).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['All clerks (clerks@court.example)']);
    expect(within(lists).getByRole('link', { name: 'All clerks' }).getAttribute('href')).toBe('#/access/list/l-clerks');
    expect(screen.getByRole('link', { name: 'Request access for them…' }).getAttribute('href')).toBe('#/access/new?person=p-ana');
    // No ids anywhere on the page.
    expect(document.body.textContent).not.toMatch(/ent-|sys-|l-clerks|g-active/);
  });
});
