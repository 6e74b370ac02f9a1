/**
 * Runs inside Chromium on the real data layer (schema, change log, strict
 * durability) and the access repositories; ../index.ts calls these through
 * page.evaluate.
 */
import type Dexie from 'dexie';
import { openDatabase, type FieldDeskDb } from '../../../renderer/src/data/db';
import { accessRepositories, type AccessRepositories } from '../../../renderer/src/data/repositories/access';
import { openBareDatabase } from '../../lib/bare-database';
import { activeGrantsPage } from '../../../renderer/src/data/repositories/access/active-page';
import { markRemote } from '../../../renderer/src/data/changelog';
import { campaignCounts, campaignPage } from '../../../renderer/src/data/repositories/access/campaign-page';

let db: FieldDeskDb;
let repos: AccessRepositories;
let bare: Dexie;
let campaignId = '';
let itemIds: string[] = [];
const STAFF = 'staff-bench';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const meta = { stamps: {}, deleted: 0 as const, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };

const api = {
  /** Grants, people and entitlements as a synced device holds them (written as pulled records: not logged). */
  async setup(o: { grants: number; people: number; systems: number; campaignItems: number }) {
    db = await openDatabase('fielddesk');
    repos = accessRepositories(db, { actor: async () => ({ id: STAFF, name: 'Bench' }) });
    bare = await openBareDatabase('bench-bare');
    const people = Array.from({ length: o.people }, (_, i) => ({ id: `p${i}`, name: `Person ${i}`, email: `p${i}@agency.example`, phone: '', agency: `Agency ${i % 20}`, site: '', title: '', kind: 'requester', ...meta }));
    const ents = Array.from({ length: o.systems * 4 }, (_, i) => ({ id: `e${i}`, systemId: `s${i % o.systems}`, name: `Role ${i}`, description: '', ownerPersonId: `p${i}`, stages: [{ label: 'Supervisor', approver: 'supervisor', personId: null }], defaultDays: 365, maxDays: null, signedFormRequired: false, provisioning: [], deprovisioning: [], ...meta }));
    const grants = Array.from({ length: o.grants }, (_, i) => {
      const e = ents[i % ents.length]!;
      return { id: `g${String(i).padStart(7, '0')}`, personId: `p${(i * 7) % o.people}`, systemId: e.systemId, entitlementId: e.id, requestId: null, approvalIds: [], from: day(i % 300), until: i % 5 === 0 ? null : day(300 + (i % 400)), status: 'active', revocationId: null, endedAt: null, lastReviewedAt: null, ...meta };
    });
    for (const [table, rows] of [
      ['people', people],
      ['entitlements', ents],
      ['grants', grants],
    ] as const)
      for (let i = 0; i < rows.length; i += 5000)
        await db.transaction('rw', db.table(table), (tx) => {
          markRemote(tx.idbtrans);
          return db.table(table).bulkPut(rows.slice(i, i + 5000));
        });
    // A campaign of `campaignItems` items over the first grants.
    campaignId = 'c-bench';
    itemIds = grants.slice(0, o.campaignItems).map((_, i) => `i${String(i).padStart(6, '0')}`);
    const items = grants.slice(0, o.campaignItems).map((g, i) => ({ id: itemIds[i]!, campaignId, grantId: g.id, personId: g.personId, systemId: g.systemId, entitlementId: g.entitlementId, reviewerPersonId: 'p1', outcome: null, outcomeNote: '', ...meta }));
    // Half the items already decided (one keep each) by the time the page opens, and a few in conflict.
    const decisions = items.flatMap((it, i) =>
      i % 2 === 0 ? [{ id: `d${String(i).padStart(6, '0')}`, itemId: it.id, campaignId, personId: it.personId, decision: 'keep', reason: '', decidedBy: 'p1', device: 'bench', at: '2026-02-01T00:00:00.000Z', ...meta }] : i % 97 === 1 ? [{ id: `d${String(i).padStart(6, '0')}`, itemId: it.id, campaignId, personId: it.personId, decision: 'dont_know', reason: '', decidedBy: 'p2', device: 'bench', at: '2026-02-01T00:00:00.000Z', ...meta }] : [],
    );
    await db.transaction('rw', db.table('reviewCampaigns'), db.table('reviewItems'), db.table('reviewDecisions'), (tx) => {
      markRemote(tx.idbtrans);
      return Promise.all([
        db.table('reviewCampaigns').put({ id: campaignId, name: 'Bench', systemIds: [], entitlementIds: [], agencies: [], reviewer: 'systemOwner', fallbackPersonId: null, dueDate: day(400), recurrence: 'none', defaultAction: 'keep_flag', maxRemovalShare: 0.25, status: 'open', createdBy: STAFF, closedAt: null, ...meta }),
        db.table('reviewItems').bulkPut(items),
        db.table('reviewDecisions').bulkPut(decisions),
      ]);
    });
    return { grants: await db.table('grants').count(), items: await db.table('reviewItems').count() };
  },

  /** What the campaign page reads to open: its first screen (campaignPage: counts, decisions, 50 items and their grants), and, for comparison, every item and grant as it read before. */
  async openCampaign() {
    let t = performance.now();
    const page = await campaignPage(repos.tables, campaignId, 50, 'all', false);
    const ms = performance.now() - t;
    t = performance.now();
    const counted = await campaignCounts(repos.tables, campaignId);
    const countsMs = performance.now() - t;
    t = performance.now();
    const items = await repos.tables.items.where('campaignId').equals(campaignId).toArray();
    const decisions = await repos.tables.decisions.where('campaignId').equals(campaignId).toArray();
    const grants = await repos.tables.grants.bulkGet(items.map((i) => i.grantId));
    const allMs = performance.now() - t;
    return { ms, countsMs, allMs, rows: page?.rows.length ?? 0, total: page?.total ?? 0, decided: counted?.decided ?? 0, items: items.length, decisions: decisions.length, grants: grants.filter(Boolean).length };
  },

  /** The Reviews view's first screen: campaigns with their item counts by index (the decided counts follow in a second read, timed apart). */
  async reviewsList() {
    let t = performance.now();
    const campaigns = await repos.tables.campaigns.toArray();
    await Promise.all(campaigns.map((c) => repos.tables.items.where('campaignId').equals(c.id).count()));
    const ms = performance.now() - t;
    t = performance.now();
    await Promise.all(campaigns.filter((c) => c.status === 'open').map(async (c) => new Set((await repos.tables.decisions.where('campaignId').equals(c.id).toArray()).map((d) => d.itemId)).size));
    return { ms, decidedMs: performance.now() - t };
  },

  /** One decision through the repository (checks, change log, outbox), against a bare put of the same record. */
  async decide(i: number) {
    const id = itemIds[i % itemIds.length]!;
    let t = performance.now();
    const res = await repos.reviews.decide(id, 'keep');
    const appMs = performance.now() - t;
    if (!res.ok) throw new Error(res.error.message);
    t = performance.now();
    await bare.table('reviewDecisions').put({ ...res.value, id: `${res.value.id}-bare` });
    return { appMs, bareMs: performance.now() - t };
  },

  /** First screen of Expiring (grants ending in the next 14 days, by the [status+until] index) and of a campaign. */
  async firstScreens() {
    let t = performance.now();
    const expiring = await repos.tables.grants.where('[status+until]').between(['active', day(300)], ['active', day(314)], true, true).limit(50).toArray();
    const expiringMs = performance.now() - t;
    t = performance.now();
    const active = await repos.tables.grants.where('personId').above('').limit(50).toArray();
    const activeMs = performance.now() - t;
    // The Active view as it was: every grant and every person read, sorted by name, 50 shown.
    t = performance.now();
    const all = (await repos.tables.grants.where('personId').above('').toArray()).filter((g) => !g.deleted && (g.status === 'active' || g.status === 'revoking'));
    const names = new Map((await db.people.toArray()).map((p) => [p.id, p.name]));
    const old = all.sort((a, b) => (names.get(a.personId) ?? '').localeCompare(names.get(b.personId) ?? '')).slice(0, 50);
    const oldViewMs = performance.now() - t;
    // The Active view now: one screen by the people `name` and grants `personId` indexes, names for it alone.
    t = performance.now();
    const page = await activeGrantsPage(db, repos.tables, 50);
    await repos.tables.entitlements.bulkGet([...new Set(page.rows.map((r) => r.grant.entitlementId))]);
    const viewMs = performance.now() - t;
    return { expiringMs, expiring: expiring.length, activeMs, active: active.length, oldViewMs, old: old.length, viewMs, view: page.rows.length };
  },
};

(window as unknown as { bench: typeof api }).bench = api;
document.getElementById('ready')!.textContent = 'ready';
