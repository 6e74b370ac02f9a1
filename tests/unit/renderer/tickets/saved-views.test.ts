import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type FieldDeskDb } from '../../../../renderer/src/data/db';
import { MAX_SAVED_VIEWS, SAVED_VIEW_PREFIX, savedViewsRepository } from '../../../../renderer/src/data/repositories/tickets/saved-views';
import { WORD_BLOCKS_UP_TO } from '../../../../renderer/src/data/repositories/tickets/word-blocks';
import type { Result } from '../../../../shared/result';
import { VIEW_NAME_MAX } from '../../../../shared/tickets/view-names';
import type { SortSpec, TicketFilter } from '../../../../shared/tickets/views';
import { closeAll, opened } from './setup';
import { waitingOps, waitingCount } from '../../../../renderer/src/sync/pending';

afterEach(closeAll);

async function fresh() {
  const db = await openDatabase(`saved-views-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  let n = 0;
  const repo = savedViewsRepository(db, { newId: () => `view-${String(++n).padStart(3, '0')}` });
  return { db, repo };
}

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const refusal = (r: Result<unknown>) => (r.ok ? null : r.error);

const p1Open: TicketFilter = { statuses: ['new', 'open'], priorities: ['P1'], text: 'kiosk' };
const byDue: SortSpec[] = [{ key: 'due', dir: 'asc' }];

/** Every meta row and the outbox, to prove a refused write left nothing. */
async function snapshot(db: FieldDeskDb) {
  return { meta: await db.meta.toArray(), outbox: await waitingOps(db) };
}

describe('saved views repository', () => {
  it('saves the filter and sort under a tidied name, in meta, not queued for sync', async () => {
    const { db, repo } = await fresh();
    const view = value(await repo.save({ name: '  P1   open  ', filter: p1Open, sort: byDue }));
    expect(view).toEqual({ id: 'view-001', name: 'P1 open', filter: p1Open, sort: byDue });
    expect(await db.meta.get(`${SAVED_VIEW_PREFIX}view-001`)).toEqual({ key: `${SAVED_VIEW_PREFIX}view-001`, value: view });
    expect(await repo.list()).toEqual([view]);
    // Per device: nothing for the server.
    expect(await waitingCount(db)).toBe(0);
    // Listed oldest first.
    const second = value(await repo.save({ name: 'Unassigned P2', filter: { assignee: 'unassigned', priorities: ['P2'] }, sort: [] }));
    expect((await repo.list()).map((v) => v.id)).toEqual([view.id, second.id]);
  });

  it('refuses a bad name or a bad filter with a message for the field, and writes nothing', async () => {
    const { db, repo } = await fresh();
    value(await repo.save({ name: 'Court kiosks', filter: {}, sort: [] }));
    const before = await snapshot(db);
    const save = (name: string, filter: unknown = p1Open, sort: unknown = byDue) => repo.save({ name, filter: filter as TicketFilter, sort: sort as SortSpec[] });

    expect(refusal(await save('   '))?.fields?.name).toBe('View name is required');
    expect(refusal(await save('x'.repeat(VIEW_NAME_MAX + 1)))?.fields?.name).toBe(`View name is too long: ${VIEW_NAME_MAX + 1} characters, the limit is ${VIEW_NAME_MAX}`);
    const duplicate = refusal(await save(' COURT  kiosks'));
    expect(duplicate).toMatchObject({ code: 'conflict', fields: { name: 'There is already a view named “Court kiosks”; choose another name' } });
    expect(refusal(await save('my open'))?.fields?.name).toBe('There is already a view named “My open”; choose another name');
    expect(refusal(await save('Bell\u0007'))?.fields?.name).toMatch(/control character/);
    expect(refusal(await save('Bad status', { statuses: ['bogus'] }))?.fields).toHaveProperty(['filter.statuses.0']);
    expect(refusal(await save('Bad sort', {}, [{ key: 'colour', dir: 'asc' }]))?.fields).toHaveProperty(['sort.0.key']);
    expect(refusal(await save('Too many sorts', {}, Array(5).fill({ key: 'number', dir: 'asc' })))?.fields).toHaveProperty(['sort']);

    expect(await snapshot(db)).toEqual(before);
  });

  it('renames a view, lets it change only its case, and refuses a taken or empty name without writing', async () => {
    const { db, repo } = await fresh();
    const a = value(await repo.save({ name: 'Court kiosks', filter: p1Open, sort: byDue }));
    value(await repo.save({ name: 'Jury', filter: {}, sort: [] }));

    expect(value(await repo.rename(a.id, ' Kiosks  (all courts) '))).toEqual({ ...a, name: 'Kiosks (all courts)' });
    expect(value(await repo.rename(a.id, 'KIOSKS (ALL COURTS)')).name).toBe('KIOSKS (ALL COURTS)');

    const before = await snapshot(db);
    expect(refusal(await repo.rename(a.id, 'jury'))?.code).toBe('conflict');
    expect(refusal(await repo.rename(a.id, 'Breaching today'))?.code).toBe('conflict');
    expect(refusal(await repo.rename(a.id, ''))?.fields?.name).toBe('View name is required');
    expect(refusal(await repo.rename('view-404', 'Anything'))?.code).toBe('not_found');
    expect(await snapshot(db)).toEqual(before);
    // The filter and sort are the ones saved: renaming touches only the name.
    expect((await repo.list())[0]).toEqual({ ...a, name: 'KIOSKS (ALL COURTS)' });
  });

  it('updates a view with a new filter and sort, keeping its name and place; a bad filter or a gone view writes nothing', async () => {
    const { db, repo } = await fresh();
    const view = value(await repo.save({ name: 'P1 open', filter: p1Open, sort: byDue }));
    const other = value(await repo.save({ name: 'Mine', filter: { assignee: 'me' }, sort: [] }));
    const updated = value(await repo.update(view.id, { filter: { ...p1Open, priorities: ['P1', 'P2'] }, sort: [{ key: 'updatedAt', dir: 'desc' }] }));
    expect(updated).toEqual({ id: view.id, name: 'P1 open', filter: { ...p1Open, priorities: ['P1', 'P2'] }, sort: [{ key: 'updatedAt', dir: 'desc' }] });
    expect(await repo.list()).toEqual([updated, other]);
    const before = await snapshot(db);
    expect(refusal(await repo.update(view.id, { filter: { priorities: ['P9'] } as unknown as TicketFilter, sort: [] }))?.fields).toHaveProperty(['filter.priorities.0']);
    expect(refusal(await repo.update('view-999', { filter: {}, sort: [] }))?.code).toBe('not_found');
    expect(await snapshot(db)).toEqual(before);
  });

  it('deletes a view and puts it back in its place on undo, unless its name was taken meanwhile', async () => {
    const { db, repo } = await fresh();
    const [a, b, c] = [value(await repo.save({ name: 'A', filter: {}, sort: [] })), value(await repo.save({ name: 'B', filter: p1Open, sort: byDue })), value(await repo.save({ name: 'C', filter: {}, sort: [] }))];

    const removed = value(await repo.remove(b.id));
    expect(removed).toEqual(b);
    expect(await db.meta.get(`${SAVED_VIEW_PREFIX}${b.id}`)).toBeUndefined();
    expect((await repo.list()).map((v) => v.name)).toEqual(['A', 'C']);
    expect(refusal(await repo.remove(b.id))?.code).toBe('not_found');

    expect(value(await repo.restore(removed))).toEqual(b);
    expect((await repo.list()).map((v) => v.name)).toEqual(['A', 'B', 'C']);
    expect(refusal(await repo.restore(removed))?.code).toBe('conflict');

    // Deleted, then another view took the name: undo is refused rather than making two views of one name.
    value(await repo.remove(c.id));
    value(await repo.save({ name: 'c', filter: {}, sort: [] }));
    const before = await snapshot(db);
    expect(refusal(await repo.restore(c))?.fields?.name).toMatch(/already a view named “c”/);
    expect(await snapshot(db)).toEqual(before);
    expect((await repo.list()).map((v) => v.name)).toEqual(['A', 'B', 'c']);
    expect(a.name).toBe('A');
  });

  it(`keeps at most ${MAX_SAVED_VIEWS} views`, async () => {
    const { db, repo } = await fresh();
    for (let i = 1; i <= MAX_SAVED_VIEWS; i++) value(await repo.save({ name: `View ${i}`, filter: {}, sort: [] }));
    const before = await snapshot(db);
    expect(refusal(await repo.save({ name: 'One more', filter: {}, sort: [] }))).toMatchObject({ code: 'conflict', message: expect.stringMatching(/at most 50 saved views/) });
    expect(await snapshot(db)).toEqual(before);
  });

  it('leaves the rest of meta alone and skips rows it cannot read', async () => {
    const { db, repo } = await fresh();
    await db.meta.put({ key: WORD_BLOCKS_UP_TO, value: 'ticket-0900' });
    db.wordBlockState.upTo = 'ticket-0900';
    const kept = value(await repo.save({ name: 'Kept', filter: {}, sort: [] }));
    await db.meta.put({ key: `${SAVED_VIEW_PREFIX}damaged`, value: { id: 'damaged', name: 42 } });
    await db.meta.put({ key: `${SAVED_VIEW_PREFIX}elsewhere`, value: { ...kept, id: 'not-this-key' } });
    expect(await repo.list()).toEqual([kept]);
    value(await repo.remove(kept.id));
    // Deleting one view is not a range delete of meta: the device, the clock and the search-word mark stay.
    expect(await db.meta.get('device')).toBeDefined();
    expect((await db.meta.get(WORD_BLOCKS_UP_TO))?.value).toBe('ticket-0900');
    expect(db.wordBlockState.upTo).toBe('ticket-0900');
  });

  it('survives a backup round trip: its meta rows are plain JSON, and a restored device lists the same views', async () => {
    const { db, repo } = await fresh();
    value(await repo.save({ name: 'P1 open', filter: { ...p1Open, createdFrom: '2025-03-01T08:00:00.000Z' }, sort: byDue }));
    value(await repo.save({ name: 'Mine', filter: { assignee: 'me' }, sort: [] }));
    // What backup-data.ts does with every store: records out as JSON lines, then cleared and refilled on restore.
    const lines = (await db.meta.toArray()).map((r) => JSON.stringify({ t: 'meta', r }));
    const { db: other, repo: otherRepo } = await fresh();
    await other.transaction('rw', other.meta, async () => {
      await other.meta.clear();
      await other.meta.bulkPut(lines.map((l) => (JSON.parse(l) as { r: { key: string; value: unknown } }).r));
    });
    expect(await otherRepo.list()).toEqual(await repo.list());
  });
});
