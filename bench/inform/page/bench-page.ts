/**
 * Runs inside Chromium on the real data layer (schema, middleware, strict
 * durability) with the ticket and inform repositories; ../index.ts calls
 * these through page.evaluate.
 */
import { openDatabase, type FieldDeskDb } from '../../../renderer/src/data/db';
import { markRemote } from '../../../renderer/src/data/changelog';
import { informRepositories, type InformRepositories } from '../../../renderer/src/data/repositories/inform';
import { ticketRepositories } from '../../../renderer/src/data/repositories/tickets';
import { withKeys } from '../../../renderer/src/data/repositories/tickets/derive';
import { documentWords } from '../../../shared/inform/documents';
import { generateSampleData, DEFAULT_NOW, type SampleOptions } from '../../../shared/sample-data';
import { MATERIAL_KINDS } from '../../../shared/training/material';

let db: FieldDeskDb;
let inform: InformRepositories;
let agency = { id: '', name: '', siteIds: [] as string[], tickets: 0 };

const AT = '2025-01-01T00:00:00.000Z';
const meta = { stamps: {}, deleted: 0 as const, createdAt: AT, updatedAt: AT };

async function putRemote(table: string, rows: unknown[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000)
    await db.transaction('rw', db.table(table), (tx) => {
      markRemote(tx.idbtrans);
      return db.table(table).bulkPut(rows.slice(i, i + 5000));
    });
}

const WORDS = ['printer', 'jury', 'portal', 'password', 'reset', 'docket', 'scanner', 'e-filing', 'batch', 'calendar', 'minute', 'order', 'clerk', 'network', 'vpn', 'badge', 'payroll', 'grades', 'attendance', 'transcript', 'warrant', 'citation', 'fine', 'hearing', 'interpreter'];
const SYSTEMS = ['Case management', 'Jury portal', 'E-filing', 'Student information', 'Payroll', 'Finance', 'Document imaging', 'Court calendar'];

const api = {
  /** A synced device's data as pulled (not logged): the sample generator's tickets and work log, and `docs` documents. */
  async setup(o: SampleOptions & { docs: number; target: number }) {
    db = await openDatabase('fielddesk');
    inform = informRepositories(db, { tickets: ticketRepositories(db), now: () => DEFAULT_NOW });
    const agencies: { id: string; name: string }[] = [];
    const sites: { id: string; agencyId: string }[] = [];
    const perSite = new Map<string, number>();
    for (const chunk of generateSampleData(o)) {
      if (chunk.table === 'agencies') agencies.push(...chunk.records);
      if (chunk.table === 'sites') sites.push(...chunk.records);
      // Search words are not what this bench reads; leaving them out makes the load minutes shorter.
      const rows: unknown[] = chunk.table === 'tickets' ? chunk.records.map((t) => withKeys({ ...t, words: [] })) : chunk.records;
      if (chunk.table === 'tickets') for (const t of chunk.records) if (t.siteId) perSite.set(t.siteId, (perSite.get(t.siteId) ?? 0) + 1);
      await putRemote(chunk.table, rows);
    }
    // The agency whose ticket count is nearest the target (10,000 at full scale).
    let best = agency;
    for (const a of agencies) {
      const siteIds = sites.filter((s) => s.agencyId === a.id).map((s) => s.id);
      const n = siteIds.reduce((sum, id) => sum + (perSite.get(id) ?? 0), 0);
      if (!best.id || Math.abs(n - o.target) < Math.abs(best.tickets - o.target)) best = { id: a.id, name: a.name, siteIds, tickets: n };
    }
    agency = best;
    // Documents: titles, systems, tags and Markdown bodies of a few hundred words each.
    const docs = Array.from({ length: o.docs }, (_, i) => {
      const w = (k: number) => WORDS[(i * 7 + k * 13) % WORDS.length]!;
      const body = Array.from({ length: 40 }, (_, l) => `${l + 1}. Check the ${w(l)} for ${w(l + 3)} then ${w(l + 5)} the ${w(l + 9)} step ${i}-${l}.`).join('\n');
      const doc = {
        id: `doc-${String(i).padStart(6, '0')}`,
        kind: MATERIAL_KINDS[i % MATERIAL_KINDS.length]!,
        title: `${w(0)[0]!.toUpperCase()}${w(0).slice(1)} ${w(1)} ${w(2)} (${i})`,
        system: SYSTEMS[i % SYSTEMS.length]!,
        body,
        images: [],
        state: i % 10 === 0 ? 'draft' : i % 23 === 0 ? 'retired' : 'published',
        ownerId: null,
        audience: i % 3 === 0 ? 'public' : 'staff',
        systems: [SYSTEMS[(i + 1) % SYSTEMS.length]!],
        tags: [w(4), w(6)],
        reviewBy: i % 50 === 0 ? '2025-01-01' : '2026-06-01',
        version: 1,
        ...meta,
      };
      return { ...doc, words: documentWords(doc) };
    });
    await putRemote('materials', docs);
    return { tickets: await db.table('tickets').count(), workLog: await db.table('workLog').count(), docs: await db.table('materials').count(), agency };
  },

  /** The status report as the app runs it: the reads (tickets, work log, policies, people, training) and the assembly; then the request as it would cross to main. */
  async report() {
    const t = performance.now();
    const r = await inform.reports.run({ scope: 'agency', scopeId: agency.id, period: 'lastMonth', from: null, to: null });
    if (!r.ok) throw new Error(r.error.message);
    const assembledMs = performance.now() - t;
    const bytes = JSON.stringify(r.value).length;
    const ms = performance.now() - t;
    return { ms, assembledMs, bytes, open: r.value.open.length, resolved: r.value.resolved.length, opened: r.value.counts.opened };
  },

  /** Baseline: the same rows read bare — the agency's tickets by site, and the open ones' work log — with nothing done to them. */
  async bareReport() {
    const t = performance.now();
    const tickets = await db.table('tickets').where('siteId').anyOf(agency.siteIds).toArray();
    const open = tickets.filter((x: { status: string }) => x.status === 'new' || x.status === 'open' || x.status === 'pending').map((x: { id: string }) => x.id);
    const wl = db.table('workLog');
    const log = (await db.transaction('r', wl, () => Promise.all(open.map((id: string) => wl.where('[ticketId+at]').between([id, ''], [id, '\uffff']).toArray())))).flat();
    const ms = performance.now() - t;
    const t2 = performance.now();
    await db.table('tickets').where('[siteId+status]').between([agency.siteIds[0], ''], [agency.siteIds[0], '\uffff']).toArray();
    return { ms, tickets: tickets.length, log: log.length, oneSiteMs: performance.now() - t2, ticketsMs: 0 };
  },

  /** Document search as the Knowledge screen runs it (50 results, the first screen), against a bare read of 50 documents by title. */
  async search(query: string) {
    let t = performance.now();
    const found = await inform.documents.search(query, 50);
    const ms = performance.now() - t;
    t = performance.now();
    const bare = await db.table('materials').orderBy('title').limit(50).toArray();
    const bareMs = performance.now() - t;
    return { ms, found: found.length, bareMs, bare: bare.length };
  },

  /** The library's first screen without a query: 100 by title (what the screen shows before a search). */
  async firstPage() {
    const t = performance.now();
    const rows = await inform.documents.list({}, 101);
    return { ms: performance.now() - t, rows: rows.length };
  },

  /** Where the report's time goes, read by read as reports.run does them (development aid, FD_INFORM_PROBE). */
  async reportParts() {
    const parts: Record<string, number> = {};
    let t = performance.now();
    const lap = (k: string) => {
      const n = performance.now();
      parts[k] = Math.round(n - t);
      t = n;
    };
    const tickets = await db.table('tickets').where('siteId').anyOf(agency.siteIds).toArray();
    lap('tickets');
    const open = tickets.filter((x: { status: string }) => x.status === 'new' || x.status === 'open' || x.status === 'pending');
    await inform.updates.lastContact(open.map((x: { id: string }) => x.id));
    lap('lastContact');
    await db.table('people').bulkGet([...new Set(open.map((x: { requesterId: string }) => x.requesterId))]);
    lap('people');
    await Promise.all([db.table('sessions').toArray(), db.table('courses').toArray(), db.table('registrations').toArray(), db.table('slaPolicies').toArray(), db.table('calendars').toArray(), db.table('sites').toArray()]);
    lap('training and settings');
    await inform.reports.run({ scope: 'agency', scopeId: agency.id, period: 'lastMonth', from: null, to: null });
    lap('whole report');
    return parts;
  },

  /** Where the needs-an-update time goes (development aid). */
  async probe() {
    let t = performance.now();
    const open = await db.table('tickets').where('status').anyOf(['new', 'open', 'pending']).toArray();
    const readOpen = performance.now() - t;
    const ids = open.map((x: { id: string }) => x.id);
    t = performance.now();
    const viaRanges = await db.table('workLog').where('[ticketId+at]').inAnyRange(ids.map((id: string) => [[id, ''], [id, '\uffff']])).toArray();
    const ranges = performance.now() - t;
    t = performance.now();
    let perTicket = 0;
    for (const id of ids.slice(0, 300)) perTicket += (await db.table('workLog').where('[ticketId+at]').between([id, ''], [id, '\uffff']).toArray()).length;
    const each300 = performance.now() - t;
    t = performance.now();
    const par = await db.transaction('r', db.table('workLog'), () => Promise.all(ids.map((id: string) => db.table('workLog').where('[ticketId+at]').between([id, ''], [id, '\uffff']).toArray())));
    const parallel = performance.now() - t;
    t = performance.now();
    const par2 = await Promise.all(ids.map((id: string) => db.table('workLog').where('[ticketId+at]').between([id, ''], [id, '\uffff']).toArray()));
    const parallelNoTx = performance.now() - t;
    void par2;
    t = performance.now();
    const all = await db.table('workLog').toArray();
    const allMs = performance.now() - t;
    t = performance.now();
    const keys = await db.table('workLog').orderBy('[ticketId+at]').keys();
    const keysMs = performance.now() - t;
    return { parallel, parEntries: par.flat().length, parallelNoTx, open: open.length, readOpen, entries: viaRanges.length, ranges, each300, perTicket, all: all.length, allMs, keys: keys.length, keysMs };
  },

  /** The Needs-an-update list over every open ticket (a development figure: how the view's count scales). */
  async needsUpdate() {
    const t = performance.now();
    const l = await inform.updates.needsUpdateList();
    return { ms: performance.now() - t, rows: l.rows.length };
  },
};

(window as unknown as { bench: typeof api }).bench = api;
document.getElementById('ready')!.textContent = 'ready';
