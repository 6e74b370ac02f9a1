// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import Dexie, { liveQuery, RangeSet, rangesOverlap, type ObservabilitySet } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { indexKey, MutatedParts } from '../../../../renderer/src/data/mutation-notice';
import { closeAll, deskWithTickets } from '../tickets/setup';

afterEach(closeAll);

/** Every key (or range) Dexie recorded in `theirs` is in `ours` as well. */
function covers(ours: ObservabilitySet, theirs: ObservabilitySet): string[] {
  const missing: string[] = [];
  for (const [part, set] of Object.entries(theirs)) {
    const mine = ours[part];
    // Parts arrive as plain trees (Dexie clones them as it merges): RangeSet(tree) walks one.
    for (const node of (RangeSet as unknown as (tree: unknown) => Iterable<{ from: unknown; to: unknown }>)(set)) {
      if (!mine || !rangesOverlap(mine, new RangeSet(node.from as string, node.to as string))) missing.push(`${part} ${JSON.stringify(node.from)}`);
    }
  }
  return missing;
}

/** The parts Dexie announces while `run` runs. */
async function announced(run: () => Promise<unknown>): Promise<ObservabilitySet[]> {
  const seen: ObservabilitySet[] = [];
  const listen = (parts: ObservabilitySet) => void seen.push(parts);
  Dexie.on.storagemutated.subscribe(listen);
  try {
    await run();
    await new Promise((r) => setTimeout(r, 20));
    return seen;
  } finally {
    Dexie.on.storagemutated.unsubscribe(listen);
  }
}

/** A live query's values as they come, and a way to wait for one that passes a test (rejects after a second). */
function watch<T>(query: () => Promise<T>) {
  const values: T[] = [];
  const waiters: (() => void)[] = [];
  const sub = liveQuery(query).subscribe({
    next: (v) => {
      values.push(v);
      for (const w of waiters.splice(0)) w();
    },
  });
  const until = (test: (v: T) => boolean): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the live query never showed the change (saw ${JSON.stringify(values)})`)), 1000);
      const check = () => {
        const hit = values.find(test);
        if (hit !== undefined) {
          clearTimeout(timer);
          resolve(hit);
        } else waiters.push(check);
      };
      check();
    });
  return { values, until, stop: () => sub.unsubscribe() };
}

describe('telling live queries about a direct save', () => {
  it('records at least what Dexie itself records for the same write, and the old keys of the indexes it moves', async () => {
    const { db, repos, ids } = await deskWithTickets(1);
    const id = ids[0]!;
    const tickets = db.table('tickets');
    const before = (await tickets.get(id)) as Record<string, unknown>;
    // The same edit through Dexie (inside a transaction, edits go through it): what it announces for the tickets store.
    const dexie = await announced(() => db.transaction('rw', [tickets, db.table('ticketHistory')], async () => repos.tickets.edit(id, { assigneeId: 'staff-kim', tags: ['kiosk'] })));
    const after = (await tickets.get(id)) as Record<string, unknown>;
    const theirs = Object.fromEntries(dexie.flatMap((p) => Object.entries(p)).filter(([k]) => k.startsWith(`idb://${db.name}/tickets/`)));
    expect(Object.keys(theirs).length).toBeGreaterThan(3);

    const ours = new MutatedParts(db.name);
    ours.written(tickets.schema, id, after, before);
    expect(covers(ours.parts, theirs)).toEqual([]);
    // Unassigned before: a query over the old assignee key (the Unassigned view) must hear of it too.
    const moved = ours.parts[`idb://${db.name}/tickets/[assigneeKey+status]`]!;
    expect(rangesOverlap(moved, new RangeSet([before.assigneeKey, before.status] as string[], [before.assigneeKey, before.status] as string[]))).toBe(true);
  });

  it('a live query shows a direct edit, also a query Dexie had cached', async () => {
    const { db, repos, ids } = await deskWithTickets(1);
    const id = ids[0]!;
    const tickets = db.table('tickets');
    const kims = watch(() => tickets.where('[assigneeKey+status]').equals(['staff-kim', 'new']).primaryKeys());
    const one = watch(() => tickets.get(id) as Promise<{ assigneeId: string | null }>);
    try {
      // Both have answered (and Dexie holds the answers in its query cache) before the edit.
      expect(await kims.until(() => true)).toEqual([]);
      expect((await one.until(() => true)).assigneeId).toBeNull();
      const saved = await repos.tickets.edit(id, { assigneeId: 'staff-kim' });
      expect(saved.ok).toBe(true);
      expect(await kims.until((keys) => keys.length === 1)).toEqual([id]);
      expect((await one.until((t) => t.assigneeId === 'staff-kim')).assigneeId).toBe('staff-kim');
    } finally {
      kims.stop();
      one.stop();
    }
  });

  it('announces every store a direct edit wrote: the ticket, its history event and the outbox row (the waiting count reads its index)', async () => {
    const { db, repos, ids } = await deskWithTickets(1);
    const seen = await announced(() => repos.tickets.edit(ids[0]!, { assigneeId: 'staff-kim' }));
    expect(seen).toHaveLength(1);
    const parts = Object.keys(seen[0]!).map((k) => k.replace(`idb://${db.name}/`, ''));
    expect(parts).toEqual(expect.arrayContaining(['tickets/', 'tickets/[assigneeKey+status]', 'ticketHistory/', 'ticketHistory/[ticketId+at]', 'outbox/', 'outbox/n']));
    const seq = (await db.outbox.orderBy('seq').last())!.seq!;
    expect(rangesOverlap(seen[0]![`idb://${db.name}/outbox/`]!, new RangeSet(seq, seq))).toBe(true);
  });

  it('takes index keys as IndexedDB does: a compound key with a missing part, and each entry of a multi-entry key', () => {
    const compound = { name: '[active+updatedAt+id]', keyPath: ['active', 'updatedAt', 'id'], multi: false, compound: true } as never;
    const multi = { name: 'tags', keyPath: 'tags', multi: true, compound: false } as never;
    expect(indexKey(compound, { updatedAt: '2026-01-01', id: 'a' })).toBeUndefined();
    expect(indexKey(compound, { active: 1, updatedAt: '2026-01-01', id: 'a' })).toEqual([1, '2026-01-01', 'a']);
    expect(indexKey(multi, { tags: ['kiosk', null, 'jury'] })).toEqual(['kiosk', 'jury']);
    expect(indexKey(multi, { tags: 'kiosk' })).toEqual(['kiosk']);
  });
});
