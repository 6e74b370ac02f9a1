/**
 * Runs inside Chromium, on the real data layer: the app's database (schema,
 * change-log middleware, strict durability) and the ticket importer
 * repository. The Node side (../index.ts) hands over the records main's dry
 * run produced and calls these through page.evaluate.
 */
import Dexie from 'dexie';
import { openDatabase, type FieldDeskDb } from '../../../renderer/src/data/db';
import { profileRepository } from '../../../renderer/src/data/repositories/profile';
import { ticketRepositories, type TicketRepositories } from '../../../renderer/src/data/repositories/tickets';
import { openBareDatabase } from '../../lib/bare-database';
import { generateSampleData, type SampleChunk, type SampleOptions } from '../../../shared/sample-data';

let db: FieldDeskDb;
let repos: TicketRepositories;
/** The same stores, no middleware: what a bare Dexie write costs. */
let bare: Dexie;
const records: Record<string, unknown>[] = [];
const rowNumbers: number[] = [];
/** What a synced device already has: agencies, sites, systems, teams and staff (not the requesters: the import adds them). */
let catalog: SampleChunk[] = [];

const CATALOG = new Set(['agencies', 'sites', 'systems', 'teams', 'calendars', 'slaPolicies', 'routingRules']);

async function open() {
  db = await openDatabase('fielddesk');
  repos = ticketRepositories(db);
  bare = await openBareDatabase('bench-bare');
  await profileRepository(db).save({ staffName: 'Bench Runner', deviceName: 'Bench' });
  for (const chunk of catalog) {
    const table = db.table(chunk.table);
    const rows = chunk.table === 'people' ? (chunk.records as { kind: string }[]).filter((p) => p.kind === 'staff') : chunk.records;
    await db.transaction('rw', table, () => table.bulkPut(rows));
  }
  await db.outbox.clear();
}

const api = {
  async setup(o: SampleOptions) {
    catalog = [...(generateSampleData(o) as Iterable<SampleChunk>)].filter((c) => CATALOG.has(c.table) || c.table === 'people');
    await open();
  },

  /** The dry run's output, handed over in pieces (page.evaluate arguments are serialised whole). */
  receive(part: { records: Record<string, unknown>[]; rowNumbers: number[] }) {
    records.push(...part.records);
    rowNumbers.push(...part.rowNumbers);
    return Promise.resolve(records.length);
  },

  async reset() {
    db.close();
    bare.close();
    await Dexie.delete('fielddesk');
    await Dexie.delete('bench-bare');
    await open();
  },

  /** The importer's check (resolve, build, validate every row; no writes): the CPU part of the commit path. */
  async checkApp(): Promise<{ ms: number }> {
    const t = performance.now();
    const r = await repos.importer.check(records, { rowNumbers });
    if (!r.ok || r.value.errors.length) throw new Error(r.ok ? JSON.stringify(r.value.errors[0]) : r.error.message);
    return { ms: performance.now() - t };
  },

  /** The real commit path: resolve names, build and validate every ticket, then tickets + history + new requesters + outbox in one transaction. */
  async importApp(): Promise<{ ms: number; tickets: number; history: number; people: number; outbox: number }> {
    const t = performance.now();
    const r = await repos.importer.commit(records, { rowNumbers });
    const ms = performance.now() - t;
    if (!r.ok) throw new Error(r.error.message);
    return { ms, tickets: await repos.tables.tickets.count(), history: await repos.tables.history.count(), people: r.value.requestersAdded, outbox: await db.outbox.count() };
  },

  /** A bare bulkPut of the records the import wrote (tickets with their local keys, history, new people), in one transaction. */
  async importBare(): Promise<{ ms: number; records: number }> {
    const [tickets, history, people] = await Promise.all([repos.tables.tickets.toArray(), repos.tables.history.toArray(), db.people.filter((p) => p.kind === 'requester').toArray()]);
    const t = performance.now();
    await bare.transaction('rw', ['tickets', 'ticketHistory', 'people'], () =>
      Promise.all([bare.table('tickets').bulkPut(tickets), bare.table('ticketHistory').bulkPut(history), bare.table('people').bulkPut(people)]),
    );
    return { ms: performance.now() - t, records: tickets.length + history.length + people.length };
  },
};

(window as unknown as { bench: typeof api }).bench = api;
document.getElementById('ready')!.textContent = 'ready';
