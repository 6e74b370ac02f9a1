

/**
 * Runs inside Chromium, on the real data layer: the app's database (schema,
 * change-log middleware, strict durability), the ticket repositories and the
 * list queries. The Node side (../index.ts) calls these through page.evaluate.
 */
import Dexie from 'dexie';
import { openDatabase, type FieldDeskDb } from '../../../renderer/src/data/db';
import { profileRepository } from '../../../renderer/src/data/repositories/profile';
import { ticketRepositories, type TicketRepositories } from '../../../renderer/src/data/repositories/tickets';
import { withKeys, type TicketRow } from '../../../renderer/src/data/repositories/tickets/derive';
import { planWindow, ticketQueries, type OrderedRead, type TicketQuery } from '../../../renderer/src/data/repositories/tickets/query';
import { openBareDatabase } from '../../lib/bare-database';
import { generateSampleData, type SampleChunk, type SampleOptions } from '../../../shared/sample-data';
import { parseQuery } from '../../../shared/tickets/search';
import { BUILT_IN_VIEWS, siteView, type FilterContext } from '../../../shared/tickets/views';
import { newestTicketId, WordWalk, wordsStartingWith } from '../../../renderer/src/data/repositories/tickets/word-walk';
import { packWordBlocks, wordBlocksUpTo } from '../../../renderer/src/data/repositories/tickets/word-blocks';
import { activeIndexesReady, fillActiveKeys } from '../../../renderer/src/data/repositories/tickets/active-keys';
import { isActiveStatus } from '../../../shared/tickets/list-keys';

let db: FieldDeskDb;
let repos: TicketRepositories;
/** The same stores, no middleware: what a bare Dexie write costs. */
let bare: Dexie;

/** The staff member at turn `i`, or the next one when that is who the ticket has: every edit changes the assignee. */
function otherAssignee(staff: readonly string[], i: number, current: string | null): string {
  const pick = staff[i % staff.length]!;
  return pick === current ? staff[(i + 1) % staff.length]! : pick;
}

function timed(gen: Iterable<SampleChunk>, acc: { ms: number }): Generator<SampleChunk> {
  const it = gen[Symbol.iterator]();
  return (function* () {
    for (;;) {
      const t = performance.now();
      const r = it.next();
      acc.ms += performance.now() - t;
      if (r.done) return;
      yield r.value;
    }
  })();
}

const TABLE: Record<string, string> = { ticketHistory: 'ticketHistory', ticketLinks: 'ticketLinks' };

const api = {
  async open(fillProbe = false): Promise<{ fill: { ms: number; read: number; written: number } | null; probe?: string[] }> {
    db = await openDatabase('fielddesk');
    // FD_FILL_PROBE: chunks of the fill against the same rewrites bare (no middleware), then stop (development aid).
    if (!activeIndexesReady(db) && fillProbe) {
      const own = await openBareDatabase('fielddesk');
      const times: string[] = [];
      let from = '';
      for (let i = 0; i < 6; i++) {
        const prev = from;
        let t0 = performance.now();
        const rows = (await db.table('tickets').where(':id').above(from).limit(250).toArray()) as TicketRow[];
        const read = performance.now() - t0;
        from = rows[rows.length - 1]!.id;
        const stale = rows.filter((r) => isActiveStatus(r.status)).map((r) => ({ ...r, active: 1 as const }));
        t0 = performance.now();
        if (i % 2 === 0) {
          await own.transaction('rw', own.table('tickets'), () => own.table('tickets').bulkPut(stale));
          times.push(`bare: read ${read.toFixed(0)} ms, ${stale.length} writes ${(performance.now() - t0).toFixed(0)} ms`);
        } else {
          // The same chunk again, through the fill (its own read, then its writes).
          await db.meta.put({ key: 'activeKeysFill', value: prev });
          const ac = new AbortController();
          const r = await fillActiveKeys(db, { chunk: 250, signal: ac.signal, pause: async () => ac.abort() });
          times.push(`fill (read + writes): ${r.read} read, ${r.written} written in ${(performance.now() - t0).toFixed(0)} ms`);
        }
      }
      own.close();
      return { fill: null, probe: times };
    }
    // A profile stored before schema v12: the app fills the tickets' `active` key in the background; here, at once, timed.
    let fill = null;
    if (!activeIndexesReady(db)) {
      const t = performance.now();
      const done = await fillActiveKeys(db);
      fill = { ...done, ms: performance.now() - t };
    }
    repos = ticketRepositories(db);
    bare = await openBareDatabase('bench-bare');
    await profileRepository(db).save({ staffName: 'Bench Runner', deviceName: 'Bench' });
    return { fill };
  },

  /** Load through the repositories' loader (validation, derived keys, change log); generation time is excluded. */
  async loadApp(o: SampleOptions): Promise<{ ms: number; records: number }> {
    const gen = { ms: 0 };
    // The loader checks the next chunk while the last one commits; generating inside that window would hide
    // generation time in the overlap, so a data set that fits in memory is generated before the clock starts.
    const source = (o.tickets ?? 0) <= 20_000 ? [...generateSampleData(o)] : timed(generateSampleData(o), gen);
    const t = performance.now();
    const r = await repos.sampleData.load({ ...o, source });
    if (!r.ok) throw new Error(r.error.message);
    return { ms: performance.now() - t - gen.ms, records: r.value.records };
  },

  /** The same records (with the same derived keys), bulkPut chunk by chunk into the bare database. */
  async loadBare(o: SampleOptions): Promise<{ ms: number; records: number }> {
    let ms = 0;
    let records = 0;
    for (const chunk of generateSampleData(o)) {
      const rows: unknown[] = chunk.table === 'tickets' ? chunk.records.map(withKeys) : chunk.records;
      const table = bare.table(TABLE[chunk.table] ?? chunk.table);
      const t = performance.now();
      await bare.transaction('rw', table, () => table.bulkPut(rows));
      ms += performance.now() - t;
      records += rows.length;
    }
    return { ms, records };
  },

  /**
   * Where a load's time goes (development aid): the same chunks, each way into a fresh database of
   * its own, in rotating order: bare records, bare records without search words, bare records with
   * the app's stamps and outbox rows (built here, no middleware), bare records with a near-empty
   * outbox row each, and the app's loader with and without validation. Per way and table, the ms of
   * each round (the app's loader overlaps its chunks, so its tables are times between progress reports).
   */
  async loadProbe(o: SampleOptions, rounds: number, only: string[] = []): Promise<Record<string, Record<string, number[]>>> {
    const chunks = [...generateSampleData(o)];
    const out: Record<string, Record<string, number[]>> = {};
    const add = (way: string, table: string, round: number, ms: number) => {
      const times = ((out[way] ??= {})[table] ??= Array.from({ length: rounds }, () => 0));
      times[round] = times[round]! + ms;
    };
    const stampOf = (i: number) => `2025-06-02T16:00:00.000Z-${String(i).padStart(8, '0')}-bench`;
    type Outbox = 'none' | 'full' | 'tiny';
    const outboxRow = (kind: Outbox, way: string, table: string, r: Record<string, unknown>, stamp: string) =>
      kind === 'tiny'
        ? { opId: `${way}-${r.id as string}`, table, id: r.id, at: stamp }
        : { opId: `${way}-${r.id as string}`, table, id: r.id, fields: Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'stamps').map(([k, v]) => [k, { value: v, stamp }])), at: stamp };
    const bareWay = (way: string, shape: (table: string, r: Record<string, unknown>, i: number) => Record<string, unknown>, outbox: Outbox) => async (round: number) => {
      const d = await openBareDatabase(`probe-${way}`);
      let n = 0;
      for (const chunk of chunks) {
        const rows = (chunk.table === 'tickets' ? chunk.records.map(withKeys) : chunk.records).map((r) => shape(chunk.table, r as Record<string, unknown>, n++));
        const [table, ob] = [d.table(TABLE[chunk.table] ?? chunk.table), d.table('outbox')];
        const ops = outbox === 'none' ? [] : rows.map((r) => outboxRow(outbox, way, chunk.table, r, stampOf(n)));
        const t = performance.now();
        await d.transaction('rw', [table, ob], () => Promise.all([table.bulkPut(rows), ops.length ? ob.bulkAdd(ops) : null]));
        add(way, chunk.table, round, performance.now() - t);
      }
      d.close();
      await Dexie.delete(`probe-${way}`);
    };
    const stamps = (r: Record<string, unknown>, i: number) => ({ ...r, stamps: Object.fromEntries(Object.keys(r).map((k) => [k, stampOf(i)])) });
    const appWay = (way: string, validate: boolean) => async (round: number) => {
      const d = await openDatabase(`probe-${way}`);
      await profileRepository(d).save({ staffName: 'Bench Runner', deviceName: 'Bench' });
      let last = performance.now();
      const t = last;
      const res = await ticketRepositories(d).sampleData.load({
        ...o,
        source: chunks,
        validate,
        onProgress: (p) => {
          const now = performance.now();
          add(way, p.label.replace(/.*\((.*)\)$/, '$1'), round, now - last);
          last = now;
        },
      });
      add(way, 'TOTAL', round, performance.now() - t);
      if (!res.ok) throw new Error(res.error.message);
      d.close();
      await Dexie.delete(`probe-${way}`);
    };
    const ways: Record<string, (round: number) => Promise<void>> = {
      bare: bareWay('bare', (_t, r) => r, 'none'),
      bareNoWords: bareWay('bareNoWords', (t, r) => (t === 'tickets' ? { ...r, words: [] } : r), 'none'),
      bareStampsOutbox: bareWay('bareStampsOutbox', (_t, r, i) => stamps(r, i), 'full'),
      // An outbox row per record that holds almost nothing: does a row cost its request, or its bytes?
      bareTinyOutbox: bareWay('bareTinyOutbox', (_t, r) => r, 'tiny'),
      appNoValidate: appWay('appNoValidate', false),
      app: appWay('app', true),
    };
    const names = Object.keys(ways).filter((n) => only.length === 0 || only.includes(n));
    for (let r = 0; r < rounds; r++) for (let k = 0; k < names.length; k++) await ways[names[(r + k) % names.length]!]!(r);
    return out;
  },

  async sampleIds(n: number): Promise<string[]> {
    const keys = (await repos.tables.tickets.orderBy('[updatedAt+id]').reverse().filter((t) => t.status === 'open' || t.status === 'new').limit(n).primaryKeys()) as string[];
    return keys;
  },

  /**
   * The writes an assign edit makes (the record, one history row, and one
   * outbox row holding both changes), done bare with the same durability, against a bare put of the
   * record alone: what IndexedDB itself charges for an edit, without the app's code.
   */
  async editWritesBare(ids: string[]): Promise<{ put: number[]; writes: number[] }> {
    const out = { put: [] as number[], writes: [] as number[] };
    const [tk, h, o] = [bare.table('tickets'), bare.table('ticketHistory'), bare.table('outbox')];
    for (const [i, id] of ids.entries()) {
      const record = (await repos.tables.tickets.get(id))!;
      const at = new Date().toISOString();
      const history = { id: `bench-h-${at}-${i}`, ticketId: id, at, field: 'assigneeId', old: null, new: 'bench-staff-a', by: 'bench', deviceId: 'bench', stamps: {} };
      const change = (table: string, rid: string) => ({ opId: `bench-o-${at}-${i}-${table}`, table, id: rid, fields: { assigneeId: { value: 'bench-staff-a', stamp: at } } });
      const row = { at, n: 2, changes: [change('tickets', id), change('ticketHistory', history.id)] };
      let t = performance.now();
      await bare.transaction('rw', tk, () => tk.put(record));
      out.put.push(performance.now() - t);
      t = performance.now();
      await bare.transaction('rw', [tk, h, o], () => Promise.all([tk.put(record), h.add(history), o.add(row)]));
      out.writes.push(performance.now() - t);
    }
    return out;
  },

  /** Where an edit's time goes at this size (development aid): the same writes in the app's own database, bare, then with the edit's reads and stores. */
  async editProbe(ids: string[]): Promise<Record<string, number>> {
    const app = await openBareDatabase('fielddesk');
    const [tk, h, o, m, p] = [app.table('tickets'), app.table('ticketHistory'), app.table('outbox'), app.table('meta'), app.table('people')];
    const wb = app.table('wordBlocks');
    const times: Record<string, number[]> = { putOnly: [], writes3: [], writes3In6Stores: [], readThenWrites3Stores: [], readThenWrites3StoresCommitted: [], putCommitted: [], reads: [], readsThenWrites5Stores: [], appEdit: [] };
    for (const [i, id] of ids.entries()) {
      const record = (await tk.get(id))!;
      const at = new Date().toISOString();
      const history = (k: string) => ({ id: `probe-h-${at}-${i}-${k}`, ticketId: id, at, field: 'assigneeId', old: null, new: 'x', by: 'bench', deviceId: 'bench', stamps: {} });
      // Shaped as the app's change sets (two changes, as an assign writes), since these land in the app's own outbox.
      const op = (k: string) => ({ at, n: 2, changes: [{ opId: `probe-o-${at}-${i}-${k}`, table: 'tickets', id, fields: {} }, { opId: `probe-o2-${at}-${i}-${k}`, table: 'ticketHistory', id: `probe-h-${at}-${i}-${k}`, fields: {} }] });
      let t = performance.now();
      await app.transaction('rw', tk, () => tk.put(record));
      times.putOnly!.push(performance.now() - t);
      t = performance.now();
      await app.transaction('rw', [tk, h, o], () => Promise.all([tk.put(record), h.add(history('a')), o.add(op('a'))]));
      times.writes3!.push(performance.now() - t);
      t = performance.now();
      await app.transaction('rw', [tk, h, o, m, p, wb], () => Promise.all([tk.put(record), h.add(history('e')), o.add(op('e'))]));
      times.writes3In6Stores!.push(performance.now() - t);
      t = performance.now();
      await app.transaction('rw', [tk, h, o], async () => {
        await tk.get(id);
        await Promise.all([tk.put(record), h.add(history('g')), o.add(op('g'))]);
      });
      times.readThenWrites3Stores!.push(performance.now() - t);
      t = performance.now();
      await app.transaction('rw', [tk, h, o], async () => {
        await tk.get(id);
        const all = Promise.all([tk.put(record), h.add(history('i')), o.add(op('i'))]);
        (Dexie.currentTransaction as unknown as { idbtrans: IDBTransaction }).idbtrans.commit();
        await all;
      });
      times.readThenWrites3StoresCommitted!.push(performance.now() - t);
      t = performance.now();
      await app.transaction('rw', tk, async () => {
        const p = tk.put(record);
        (Dexie.currentTransaction as unknown as { idbtrans: IDBTransaction }).idbtrans.commit();
        await p;
      });
      times.putCommitted!.push(performance.now() - t);
      t = performance.now();
      await app.transaction('r', [tk, m], () => Promise.all([tk.get(id), m.get('profile')]));
      times.reads!.push(performance.now() - t);
      t = performance.now();
      await app.transaction('rw', [tk, h, o, m, p], async () => {
        await Promise.all([tk.get(id), m.get('profile')]);
        await Promise.all([tk.put(record), h.add(history('b')), o.add(op('c'))]);
      });
      times.readsThenWrites5Stores!.push(performance.now() - t);
      const cur = (await repos.tables.tickets.get(id))!;
      t = performance.now();
      const r = await repos.tickets.edit(id, { assigneeId: cur.assigneeId === 'bench-staff-a' ? 'bench-staff-b' : 'bench-staff-a' });
      times.appEdit!.push(performance.now() - t);
      if (!r.ok) throw new Error(r.error.message);
    }
    app.close();
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, med(v.slice(1))]));
  },

  /**
   * The edit's shape in IndexedDB itself, no Dexie and no app code (development aid): a put alone, the
   * three writes, and a read then the three writes, each committed at once, in rotating order with the
   * app's edit and a bare Dexie put. Shows how much of an edit's time is IndexedDB's and how much is JS.
   */
  async editShapes(ids: string[], staff: string[]): Promise<Record<string, number>> {
    const own = await openBareDatabase('fielddesk');
    const idb = own.backendDB();
    const times: Record<string, number[]> = { dexiePut: [], dexiePutChanged: [], rawPut: [], rawPutIn3: [], raw3: [], rawRead3: [], rawRead3Changed: [], appEdit: [] };
    const done = (tx: IDBTransaction) => new Promise<void>((res, rej) => { tx.oncomplete = () => res(); tx.onerror = () => rej(tx.error); tx.onabort = () => rej(tx.error); });
    for (const [i, id] of ids.entries()) {
      const record = (await repos.tables.tickets.get(id))!;
      const at = new Date().toISOString();
      const history = (k: string) => ({ id: `shape-h-${at}-${i}-${k}`, ticketId: id, at, field: 'assigneeId', old: null, new: 'x', by: 'bench', deviceId: 'bench', stamps: {} });
      const op = (k: string) => ({ at, n: 2, changes: [{ opId: `shape-o-${at}-${i}-${k}`, table: 'tickets', id, fields: {} }, { opId: `shape-o2-${at}-${i}-${k}`, table: 'ticketHistory', id: `shape-h-${at}-${i}-${k}`, fields: {} }] });
      const steps: [string, () => Promise<void>][] = [
        ['dexiePut', () => own.transaction('rw', own.table('tickets'), () => own.table('tickets').put(record)).then(() => undefined)],
        ['rawPut', () => { const tx = idb.transaction(['tickets'], 'readwrite', { durability: 'strict' }); tx.objectStore('tickets').put(record); tx.commit(); return done(tx); }],
        ['dexiePutChanged', async () => {
          const cur = (await own.table('tickets').get(id)) as TicketRow;
          const t0 = performance.now();
          const flipped = { ...cur, assigneeId: otherAssignee(staff, 0, cur.assigneeId), updatedAt: new Date().toISOString() };
          await own.transaction('rw', own.table('tickets'), () => own.table('tickets').put(withKeys(flipped)));
          times.dexiePutChanged!.push(performance.now() - t0);
        }],
        ['rawRead3Changed', () => {
          const tx = idb.transaction(['tickets', 'ticketHistory', 'outbox'], 'readwrite', { durability: 'strict' });
          const get = tx.objectStore('tickets').get(id);
          get.onsuccess = () => {
            const cur = get.result as TicketRow;
            const flipped = { ...cur, assigneeId: otherAssignee(staff, 0, cur.assigneeId), updatedAt: new Date().toISOString() };
            tx.objectStore('tickets').put(withKeys(flipped)); tx.objectStore('ticketHistory').add(history('c')); tx.objectStore('outbox').add(op('c')); tx.commit();
          };
          return done(tx);
        }],
        ['rawPutIn3', () => { const tx = idb.transaction(['tickets', 'ticketHistory', 'outbox'], 'readwrite', { durability: 'strict' }); tx.objectStore('tickets').put(record); tx.commit(); return done(tx); }],
        ['raw3', () => { const tx = idb.transaction(['tickets', 'ticketHistory', 'outbox'], 'readwrite', { durability: 'strict' }); tx.objectStore('tickets').put(record); tx.objectStore('ticketHistory').add(history('a')); tx.objectStore('outbox').add(op('a')); tx.commit(); return done(tx); }],
        ['rawRead3', () => {
          const tx = idb.transaction(['tickets', 'ticketHistory', 'outbox'], 'readwrite', { durability: 'strict' });
          const get = tx.objectStore('tickets').get(id);
          get.onsuccess = () => { tx.objectStore('tickets').put({ ...(get.result as object) }); tx.objectStore('ticketHistory').add(history('b')); tx.objectStore('outbox').add(op('b')); tx.commit(); };
          return done(tx);
        }],
        ['appEdit', async () => {
          const cur = (await repos.tables.tickets.get(id))!;
          const assigneeId = otherAssignee(staff, i, cur.assigneeId);
          const t = performance.now();
          const r = await repos.tickets.edit(id, { assigneeId });
          times.appEdit!.push(performance.now() - t);
          if (!r.ok) throw new Error(r.error.message);
        }],
      ];
      for (let k = 0; k < steps.length; k++) {
        const [name, step] = steps[(i + k) % steps.length]!;
        const t = performance.now();
        await step();
        if (name !== 'appEdit' && name !== 'dexiePutChanged') times[name]!.push(performance.now() - t);
      }
    }
    own.close();
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(med(v.slice(1)) * 100) / 100]));
  },

  /** App edits alone, one after another (development aid: what a CPU profile of edits sees). */
  async appEdits(ids: string[], staff: string[], rounds: number): Promise<number[]> {
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const [i, id] of ids.entries()) {
        const cur = (await repos.tables.tickets.get(id))!;
        const assigneeId = otherAssignee(staff, i + r, cur.assigneeId);
        const t = performance.now();
        const res = await repos.tickets.edit(id, { assigneeId });
        times.push(performance.now() - t);
        if (!res.ok) throw new Error(res.error.message);
      }
    }
    return times;
  },

  /** The IndexedDB requests of one app edit, on a timeline (development aid). */
  async editTrace(id: string): Promise<string[]> {
    const log: string[] = [];
    const t0 = performance.now();
    const ms = () => (performance.now() - t0).toFixed(2);
    const restore: (() => void)[] = [];
    type Method = (this: object, ...args: unknown[]) => unknown;
    const wrap = (proto: object, name: string, label: (self: { name?: string; objectStore?: { name: string } }, args: unknown[]) => string) => {
      const target = proto as Record<string, Method>;
      const orig = target[name]!;
      target[name] = function (this: object, ...args: unknown[]) {
        const tag = label(this, args);
        log.push(`${ms()} > ${name} ${tag}`);
        const r = orig.apply(this, args) as EventTarget | null;
        if (r && 'onsuccess' in r) r.addEventListener('success', () => log.push(`${ms()} < ${name} ${tag}`));
        if (r && name === 'transaction') r.addEventListener('complete', () => log.push(`${ms()} commit ${tag}`));
        return r;
      };
      restore.push(() => (target[name] = orig));
    };
    for (const n of ['get', 'put', 'add', 'getAll', 'getAllKeys', 'count', 'openCursor']) wrap(IDBObjectStore.prototype, n, (self) => self.name ?? '');
    for (const n of ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor']) wrap(IDBIndex.prototype, n, (self) => `${self.objectStore?.name}.${self.name}`);
    wrap(IDBTransaction.prototype, 'commit', () => 'early');
    wrap(IDBDatabase.prototype, 'transaction', (_self, args) => `${JSON.stringify(args[0])} ${String(args[1] ?? '')}`);
    try {
      // As the edit figure does: a title edit (new search words) just before.
      const titled = (await repos.tables.tickets.get(id))!;
      await repos.tickets.edit(id, { title: `${titled.title.replace(/ \(\d+\)$/, '')} (${Date.now() % 100000})` });
      const cur = (await repos.tables.tickets.get(id))!;
      log.length = 0;
      const t = performance.now();
      const r = await repos.tickets.edit(id, { assigneeId: cur.assigneeId === 'bench-staff-a' ? 'bench-staff-b' : 'bench-staff-a' });
      log.push(`${ms()} resolved (${(performance.now() - t).toFixed(2)} ms, ok ${r.ok})`);
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      for (const f of restore) f();
    }
    return log;
  },

  /**
   * One edit through the repository vs a bare Dexie put of the resulting
   * record (same durability): into the same store of the same database,
   * through a second connection with no middleware (`same`), and, for
   * comparison, into the near-empty tickets store of a separate database
   * (`apart`). At 100,000 tickets the two differ: writing into the big store
   * costs more, and LevelDB sometimes stalls it for tens of milliseconds,
   * which an edit and a bare put into that store share. The three run in
   * rotating order, so none always follows another's commit. The title edits
   * (new search words, many index writes) run in a pass of their own.
   */
  async edit(ids: string[], staff: string[]): Promise<{ app: number[]; same: number[]; apart: number[]; changed: number[]; title: number[] }> {
    const run = Date.now() % 1_000_000;
    const out = { app: [] as number[], same: [] as number[], apart: [] as number[], changed: [] as number[], title: [] as number[] };
    const own = await openBareDatabase('fielddesk');
    const putInto = async (into: Dexie, id: string, times: number[]) => {
      const record = (await repos.tables.tickets.get(id))!;
      const t = performance.now();
      await into.transaction('rw', into.table('tickets'), () => into.table('tickets').put(record));
      times.push(performance.now() - t);
    };
    // A bare put that makes the edit's change (another assignee, a new update time): unlike a put of the
    // stored record over itself, it moves the record's index entries as the edit's put does.
    const changedPut = async (i: number, id: string) => {
      const record = (await repos.tables.tickets.get(id))!;
      const assigneeId = otherAssignee(staff, i, record.assigneeId);
      const t = performance.now();
      const next = withKeys({ ...record, assigneeId, updatedAt: new Date().toISOString() });
      await own.transaction('rw', own.table('tickets'), () => own.table('tickets').put(next));
      out.changed.push(performance.now() - t);
    };
    const appEdit = async (i: number, id: string) => {
      const current = (await repos.tables.tickets.get(id))!;
      const assigneeId = otherAssignee(staff, i, current.assigneeId);
      const t = performance.now();
      const r = await repos.tickets.edit(id, { assigneeId });
      out.app.push(performance.now() - t);
      if (!r.ok) throw new Error(r.error.message);
    };
    try {
      for (const [i, id] of ids.entries()) {
        const steps = [() => appEdit(i, id), () => putInto(own, id, out.same), () => putInto(bare, id, out.apart), () => changedPut(i, id)];
        for (let k = 0; k < steps.length; k++) await steps[(i + k) % steps.length]!();
      }
    } finally {
      own.close();
    }
    for (const [i, id] of ids.entries()) {
      const record = (await repos.tables.tickets.get(id))!;
      const t = performance.now();
      // A run's own number in the title: a kept profile (--profile) edits the same tickets again.
      const r2 = await repos.tickets.edit(id, { title: `${record.title.replace(/ \(\d+\)$/, '')} (${run}${i})` });
      out.title.push(performance.now() - t);
      if (!r2.ok) throw new Error(r2.error.message);
    }
    return out;
  },

  /** First screen (plan + first 50 rows) of a view, and a bare primary-key read of the same number of rows. */
  async firstScreen(view: string, runs: number, now: string, orderedRead: OrderedRead = 'cutoff'): Promise<{ ms: number[]; bare: number[]; rows: number; mode: string }> {
    const sites = await repos.tables.sites.toArray();
    const q: TicketQuery =
      view === 'site'
        ? siteView(sites[3] ?? sites[0]!)
        : view === 'all-open'
          ? { filter: { statuses: ['new', 'open', 'pending'] }, sort: [{ key: 'updatedAt', dir: 'desc' }] }
          : BUILT_IN_VIEWS.find((v) => v.id === view)!;
    return screen(q, runs, now, orderedRead);
  },

  /** Two-word searches built from real ticket words, first screen each. */
  async search(queries: string[], now: string): Promise<{ ms: number[]; bare: number[]; rows: number[] }> {
    const ms: number[] = [];
    const bareMs: number[] = [];
    const rows: number[] = [];
    for (const text of queries) {
      const r = await screen({ filter: { text }, sort: [{ key: 'updatedAt', dir: 'desc' }] }, 1, now);
      ms.push(...r.ms);
      bareMs.push(...r.bare);
      rows.push(r.rows);
    }
    return { ms, bare: bareMs, rows };
  },

  async searchTerms(n: number): Promise<string[]> {
    const out: string[] = [];
    const sample = await repos.tables.tickets.orderBy('[createdAt+id]').limit(5000).toArray();
    for (let i = 0; out.length < n && i < sample.length; i += 97) {
      const words = sample[i]!.words.filter((w) => w.length >= 4 && !/^\d/.test(w));
      if (words.length >= 2) out.push(`${words[i % words.length]} ${words[(i + 3) % words.length]}`);
    }
    return out;
  },

  /** Pack the search words into blocks, as the app's background packer does; how long it took, and how many tickets. `fresh`: drop the blocks first. */
  async pack(fresh = false): Promise<{ ms: number; tickets: number }> {
    if (fresh) await db.transaction('rw', [db.table('wordBlocks'), db.meta], () => Promise.all([db.table('wordBlocks').clear(), db.meta.delete('wordBlocksUpTo')]));
    const t = performance.now();
    const tickets = await packWordBlocks(db);
    return { ms: performance.now() - t, tickets };
  },

  /** Where a search's time goes (development aid): word lists, the walk, the records. */
  async searchProbe(queries: string[]): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const text of queries) {
      const terms = parseQuery(text).terms;
      let t = performance.now();
      const words = await Promise.all(terms.map((term) => wordsStartingWith(db.backendDB(), term, 24)));
      const wordsMs = performance.now() - t;
      t = performance.now();
      const walker = WordWalk.of(db.backendDB(), words, { upTo: await wordBlocksUpTo(db), newest: await newestTicketId(db.backendDB()) });
      const c = await walker.next(null, 81);
      const walkMs = performance.now() - t;
      const stats = walker.stats;
      t = performance.now();
      await repos.tables.tickets.bulkGet(c.ids);
      const getMs = performance.now() - t;
      const queries = ticketQueries(repos.tables);
      const ctx: FilterContext = { meId: 'nobody', now: new Date().toISOString(), endOfToday: new Date().toISOString() };
      const q: TicketQuery = { filter: { text }, sort: [{ key: 'updatedAt', dir: 'desc' }] };
      t = performance.now();
      const plan = await queries.plan(q, ctx);
      const planMs = performance.now() - t;
      t = performance.now();
      const win = await planWindow(queries, plan, q, ctx, 0, 50);
      const winMs = performance.now() - t;
      const blocks = await Promise.all(words.flat().map((w) => db.table('wordBlocks').where('[word+last]').between([w, ''], [w, '\uffff']).count()));
      out.push({ text, words, blocks, stats, wordsMs, walkMs, found: c.ids.length, getMs, mode: plan.mode, planMs, winMs, rows: win.rows.length });
    }
    return out;
  },

  async rawProbe(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    const idb = db.backendDB();
    const req = <T,>(r: IDBRequest<T>) => new Promise<T>((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    for (const word of ['user', 'morning', 'printers']) {
      out[`count ${word}`] = await req(idb.transaction('tickets').objectStore('tickets').index('words').count(IDBKeyRange.only(word)));
      for (const n of [256, 2048, 8192]) {
        const t = performance.now();
        await req(idb.transaction('tickets').objectStore('tickets').index('words').getAllKeys({ query: IDBKeyRange.only(word), count: n, direction: 'prev' } as unknown as IDBKeyRange));
        out[`keys ${word} ${n}`] = performance.now() - t;
      }
    }
    for (const n of [1, 16, 64, 256]) {
      const t = performance.now();
      await req(idb.transaction('tickets').objectStore('tickets').getAll(null, n));
      out[`records ${n}`] = performance.now() - t;
    }
    for (const n of [256, 2048, 8192]) {
      const t = performance.now();
      await req(idb.transaction('tickets').objectStore('tickets').getAllKeys(null, n));
      out[`primary keys ${n}`] = performance.now() - t;
    }
    for (const word of ['user', 'morning', 'printers', 'cable']) {
      const range = IDBKeyRange.bound([word, ''], [word, '\uffff']);
      let t = performance.now();
      const prev = (await req(idb.transaction('wordBlocks').objectStore('wordBlocks').getAll({ query: range, count: 4, direction: 'prev' } as unknown as IDBKeyRange))) as { ids: string }[];
      out[`blocks ${word} prev 4 (${prev.map((b) => b.ids.length).join('+')} chars)`] = performance.now() - t;
      t = performance.now();
      await req(idb.transaction('wordBlocks').objectStore('wordBlocks').getAll(range, 4));
      out[`blocks ${word} next 4`] = performance.now() - t;
      t = performance.now();
      await req(idb.transaction('wordBlocks').objectStore('wordBlocks').getAll({ query: range, count: 4, direction: 'prev' } as unknown as IDBKeyRange));
      out[`blocks ${word} prev 4 again`] = performance.now() - t;
      t = performance.now();
      await req(idb.transaction('wordBlocks').objectStore('wordBlocks').getAll(range));
      out[`blocks ${word} all`] = performance.now() - t;
      t = performance.now();
      await req(idb.transaction('tickets').objectStore('tickets').index('words').getAllKeys({ query: IDBKeyRange.only(word), count: 256, direction: 'prev' } as unknown as IDBKeyRange));
      out[`index ${word} 256 keys`] = performance.now() - t;
    }
    for (const kb of [4, 16, 64, 256]) {
      const ids = Array.from({ length: (kb * 1024) / 4 }, (_, i) => i);
      const blob = new Uint32Array(ids);
      await req(idb.transaction('meta', 'readwrite').objectStore('meta').put({ key: `probe-${kb}`, value: blob }));
      const t = performance.now();
      await req(idb.transaction('meta').objectStore('meta').get(`probe-${kb}`));
      out[`one ${kb} KB record`] = performance.now() - t;
      await req(idb.transaction('meta', 'readwrite').objectStore('meta').delete(`probe-${kb}`));
    }
    return out;
  },

  /** Ways to read the newest 64 index keys of each active status (development aid). */
  async orderProbe(runs: number): Promise<Record<string, number>> {
    const statuses = ['new', 'open', 'pending'];
    const range = (st: string) => IDBKeyRange.bound([st, '', ''], [st, '\uffff', '\uffff']);
    const ways: Record<string, () => Promise<unknown>> = {
      dexieKeys: () => Promise.all(statuses.map((st) => repos.tables.tickets.where('[status+updatedAt+id]').between([st, '', Dexie.minKey], [st, '\uffff', Dexie.maxKey]).reverse().limit(64).keys())),
      rawKeyCursor: () => {
        const idx = db.backendDB().transaction('tickets').objectStore('tickets').index('[status+updatedAt+id]');
        return Promise.all(statuses.map((st) => new Promise((resolve) => {
          const out: unknown[] = [];
          const r = idx.openKeyCursor(range(st), 'prev');
          r.onsuccess = () => { const c = r.result; if (!c || out.push(c.key) >= 64) return resolve(out); c.continue(); };
        })));
      },
      rawAdvance50: () => {
        const idx = db.backendDB().transaction('tickets').objectStore('tickets').index('[status+updatedAt+id]');
        return Promise.all(statuses.map((st) => new Promise((resolve) => {
          let first = true;
          const r = idx.openKeyCursor(range(st), 'prev');
          r.onsuccess = () => { const c = r.result; if (!c) return resolve(null); if (first) { first = false; return c.advance(49); } resolve(c.key); };
        })));
      },
      primaryKeys50: () => Promise.all(statuses.map((st) => repos.tables.tickets.where('[status+updatedAt+id]').between([st, '', Dexie.minKey], [st, '\uffff', Dexie.maxKey]).reverse().limit(50).primaryKeys())),
      records25: () => Promise.all(statuses.map((st) => repos.tables.tickets.where('[status+updatedAt+id]').between([st, '', Dexie.minKey], [st, '\uffff', Dexie.maxKey]).reverse().limit(25).toArray())),
      bulkGet50: async () => { const ids = await repos.tables.tickets.where('[status+updatedAt+id]').between(['open', '', Dexie.minKey], ['open', '\uffff', Dexie.maxKey]).reverse().limit(50).primaryKeys(); const t = performance.now(); await repos.tables.tickets.bulkGet(ids); return performance.now() - t; },
    };
    const allOpen: TicketQuery = { filter: { statuses: ['new', 'open', 'pending'] }, sort: [{ key: 'updatedAt', dir: 'desc' }] };
    const octx: FilterContext = { meId: 'nobody', now: new Date().toISOString(), endOfToday: new Date().toISOString() };
    ways.allOpenPlan = () => ticketQueries(repos.tables).plan(allOpen, octx);
    ways.allOpenWindow = () => ticketQueries(repos.tables).broadWindow(allOpen, octx, 0, 50);
    const sites = await repos.tables.sites.toArray();
    const site = siteView(sites[3] ?? sites[0]!);
    ways.sitePlan = () => ticketQueries(repos.tables).plan(site, octx);
    ways.siteWindow = () => ticketQueries(repos.tables).broadWindow(site, octx, 0, 50);
    ways.sitePairKeys81 = () => Promise.all(statuses.map((st) => repos.tables.tickets.where('[siteId+status]').equals([site.filter.siteIds![0]!, st]).limit(81).primaryKeys()));
    ways.countStatuses = () => Promise.all(statuses.map((st) => repos.tables.tickets.where('status').equals(st).count()));
    const out: Record<string, number> = {};
    for (const [name, fn] of Object.entries(ways)) {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) { const t = performance.now(); const r = await fn(); ms.push(name === 'bulkGet50' ? (r as number) : performance.now() - t); }
      ms.sort((a, b) => a - b);
      out[name] = ms[Math.floor(ms.length / 2)]!;
    }
    return out;
  },

  counts: async () => ({ tickets: await repos.tables.tickets.count(), workLog: await repos.tables.workLog.count(), people: await db.people.count(), outbox: await db.outbox.count() }),
  close: () => {
    db.close();
    bare.close();
  },
};

async function screen(q: TicketQuery, runs: number, now: string, orderedRead: OrderedRead = 'cutoff') {
  const ctx: FilterContext = { meId: 'nobody', now, endOfToday: new Date(Date.parse(now) + 8 * 3600_000).toISOString() };
  const ms: number[] = [];
  const bareMs: number[] = [];
  let rows = 0;
  let mode = '';
  for (let i = 0; i < runs; i++) {
    const queries = ticketQueries(repos.tables, { orderedRead });
    let t = performance.now();
    const plan = await queries.plan(q, ctx);
    const win = await planWindow(queries, plan, q, ctx, 0, 50);
    ms.push(performance.now() - t);
    rows = win.rows.length;
    mode = plan.mode;
    const ids = win.rows.map((r: TicketRow) => r.id);
    t = performance.now();
    await repos.tables.tickets.bulkGet(ids);
    bareMs.push(performance.now() - t);
  }
  return { ms, bare: bareMs, rows, mode };
}

(window as unknown as { bench: typeof api }).bench = api;
document.getElementById('ready')!.textContent = 'ready';
