import type { Table } from 'dexie';
import { compareStamps } from '../../../shared/sync/hlc';
import { CONFLICTS_TABLE, type SyncRecord } from '../../../shared/sync/protocol';
import { isSyncTable, localFieldsOf, SYNC_TABLE_NAMES } from '../../../shared/sync/tables';
import type { FirstSyncTier } from '../../../shared/sync/tiers';
import { markBackground } from '../data/activity';
import { markRemote } from '../data/changelog';
import type { FieldDeskDb } from '../data/db';
import { derivePage, runPageHook, type PageContext } from './derive';
import { pendingFields } from './pending';
import { heldKeys, quarantined, splitValid } from './quarantine';
import { conflictKey, CURSOR_KEY, recordKey, shadowKey } from './state-keys';

type Row = Record<string, unknown> & { id: string; stamps?: Record<string, string> };

/** A server value held back while a local change of the same field is pending. */
export type Shadow = Record<string, { value: unknown; stamp: string }>;

/** The Dexie stores a page may write: every synced table this schema has, plus bookkeeping. */
export function syncStores(db: FieldDeskDb): Table[] {
  const names = new Set(db.tables.map((t) => t.name));
  return [...SYNC_TABLE_NAMES.filter((n) => names.has(n)).map((n) => db.table(n)), db.outbox, db.syncState, db.meta];
}

export interface PageResult {
  applied: number;
  /** Records that failed their table's schema: kept in quarantine, not in the live tables. */
  quarantined: number;
  /** Records of tables this version of the app does not have (a newer server); skipped. */
  skipped: number;
}

/**
 * How long one chunk's write transaction should hold the stores (ms) while
 * the user is at work. A user's read or save that comes meanwhile waits
 * behind it (IndexedDB runs a transaction after every earlier one whose
 * stores it shares), so this bounds what the fill adds to the user's wait.
 */
export const APPLY_BUDGET_MS = 25;
/** The budget while nobody has read or saved for APPLY_IDLE_AFTER_MS: bigger chunks, a faster fill; the first read after the pause waits for one. */
export const APPLY_IDLE_BUDGET_MS = 100;
export const APPLY_IDLE_AFTER_MS = 1_000;
/** Bounds and start of the chunk size that `nextChunkSize` adapts to the budget. */
export const APPLY_CHUNK_MIN = 2;
export const APPLY_CHUNK_MAX = 1000;
export const APPLY_CHUNK_FIRST = 20;

/** The budget for the next chunk: small while the user is at work, larger while nobody is. */
export const chunkBudget = (userIdleMs: number): number => (userIdleMs >= APPLY_IDLE_AFTER_MS ? APPLY_IDLE_BUDGET_MS : APPLY_BUDGET_MS);

export interface ApplyOptions {
  /** Records per write transaction, fixed (tests); without it the size adapts to the budget (`chunkBudget`). */
  chunk?: number;
  /** Between chunks; the default yields, and waits while the user's reads and saves run (up to APPLY_YIELD_MAX_MS). */
  pause?: () => Promise<void>;
  /** Stop before a chunk (tests cut a page this way): what was written stays, without the cursor. */
  signal?: AbortSignal;
  /** The tier of a first sync in tiers this page belongs to, handed to the features' page derivations (derive.ts). */
  tier?: FirstSyncTier;
}

/**
 * The next chunk's size from the last one's and how long its transaction
 * took: scaled toward the budget, at most doubled or halved at a time (one
 * slow commit, a garbage collection, does not collapse it), within the bounds.
 */
export function nextChunkSize(size: number, elapsedMs: number, budgetMs = APPLY_BUDGET_MS): number {
  const scaled = (size * budgetMs) / Math.max(elapsedMs, 0.1);
  const step = Math.min(size * 2, Math.max(size / 2, scaled));
  return Math.round(Math.min(APPLY_CHUNK_MAX, Math.max(APPLY_CHUNK_MIN, step)));
}

/** The adapted size per database, carried from page to page. */
const chunkSizes = new WeakMap<FieldDeskDb, number>();

/** Before the next chunk, the user's reads and saves under way (a list's plan, then its rows) go on for up to this long (ms)… */
export const APPLY_YIELD_MAX_MS = 40;
/** …until none has been in flight for this long (ms). */
export const APPLY_QUIET_MS = 4;

/** Yields a macrotask, then lets the user's requests under way finish (activity.ts): between the chunks of background writes. */
export const makeWay = async (db: FieldDeskDb): Promise<void> => {
  await new Promise((r) => setTimeout(r, 0));
  await db.activity.quiet(APPLY_QUIET_MS, APPLY_YIELD_MAX_MS);
};

/**
 * Apply one pulled page, marked remote so nothing is logged again, in write
 * transactions of a few records each, yielding between them: a page of 1,000
 * tickets held every store for seconds in one transaction, and a user's edit
 * or list read waited behind it. Each chunk is sized to commit within
 * APPLY_BUDGET_MS while the user is at work (APPLY_IDLE_BUDGET_MS while
 * nobody is) and commits with relaxed durability (FieldDeskDb.relaxed:
 * a pulled page can be pulled again); between chunks the user's reads and
 * saves under way go first (activity.ts), so a screen that reads several
 * times waits behind one chunk, not one per read. The page's cursor (and `state`, the
 * fill's progress) is written only in the LAST chunk, so a page cut after
 * some chunks is pulled again from the old cursor and applied again: applying
 * is idempotent (server fields replace, pending local fields keep their value
 * and shadow the server's), so the repeat converges as one whole page would.
 *
 * The server state is authoritative, except for fields with a pending local
 * change: they keep their local value (the server's is remembered as a
 * shadow, see settle.ts) until their push settles. Each chunk reads the
 * pending fields in its own transaction, so an edit made between chunks is
 * kept like any other. `seen` collects the records of a full resync.
 */
export async function applyPage(
  db: FieldDeskDb,
  records: readonly SyncRecord[],
  cursor: string,
  seen?: Map<string, Set<string>>,
  /** More `syncState` rows to write (or remove) with the cursor: the fill's progress (fill.ts). */
  state: { put?: { key: string; value: unknown }[]; remove?: string[] } = {},
  { chunk, pause = () => makeWay(db), signal, tier }: ApplyOptions = {},
): Promise<PageResult> {
  const total: PageResult = { applied: 0, skipped: 0, quarantined: 0 };
  const fixed = chunk === undefined ? null : Math.max(1, Math.floor(chunk));
  for (let at = 0; ; ) {
    const size = fixed ?? chunkSizes.get(db) ?? APPLY_CHUNK_FIRST;
    const last = at + size >= records.length;
    if (signal?.aborted) throw new Error('Sync stopped');
    const began = performance.now();
    const part = await applyChunk(db, records.slice(at, at + size), seen, last ? { cursor, state } : null, { tier });
    if (fixed === null && !last) chunkSizes.set(db, nextChunkSize(size, performance.now() - began, chunkBudget(db.activity.idleFor())));
    total.applied += part.applied;
    total.skipped += part.skipped;
    total.quarantined += part.quarantined;
    if (last) return total;
    at += size;
    await pause();
  }
}

/** One chunk of a page in one transaction; `end` (the page's last chunk) also writes the cursor and the fill's state. */
async function applyChunk(
  db: FieldDeskDb,
  records: readonly SyncRecord[],
  seen: Map<string, Set<string>> | undefined,
  end: { cursor: string; state: { put?: { key: string; value: unknown }[]; remove?: string[] } } | null,
  context: PageContext,
): Promise<PageResult> {
  const clock = db.device.get().clock;
  let skipped = 0;
  let applied = 0;
  let held = 0;
  await db.relaxed(() => db.transaction('rw', syncStores(db), async (tx) => {
    markRemote(tx.idbtrans);
    markBackground(tx.idbtrans);
    const keys = new Set(records.map((r) => recordKey(r.table, r.id)));
    const byTable = new Map<string, SyncRecord[]>();
    // A record may appear once per page at most, but pages of a resync can repeat one: last wins.
    for (const r of records) {
      if (seen) {
        let set = seen.get(r.table);
        if (!set) seen.set(r.table, (set = new Set()));
        set.add(r.id);
      }
      let list = byTable.get(r.table);
      if (!list) byTable.set(r.table, (list = []));
      list.push(r);
    }
    const localTables = new Set(db.tables.map((t) => t.name));
    let newest = '';
    for (const list of byTable.values()) for (const r of list) for (const s of Object.values(r.stamps)) if (s > newest) newest = s;
    // Per table: what to store (a record that fails its schema never reaches a screen: it waits in quarantine
    // until a valid version comes) or skip (a table this version of the app does not have).
    const parts = [...byTable].map(([table, list]) => {
      if (table === CONFLICTS_TABLE) return { table, list, kind: 'conflicts' as const };
      if (!isSyncTable(table) || !localTables.has(table)) return { table, list, kind: 'skip' as const };
      return { table, list, kind: 'rows' as const, ...splitValid(table, list) };
    });
    // Every read the chunk needs before it writes, side by side: each waited for the one before, and the
    // round trips cost a small chunk more than its records.
    const [pending, reads] = await Promise.all([
      pendingFields(db, keys),
      Promise.all(
        parts.map((p) =>
          p.kind === 'rows' ? Promise.all([heldKeys(db, p.table), p.valid.length > 0 ? db.table<Row, string>(p.table).bulkGet(p.valid.map((r) => r.id)) : []]) : null,
        ),
      ),
    ]);
    for (const [i, part] of parts.entries()) {
      if (part.kind === 'conflicts') {
        await applyConflicts(db, part.list, pending);
        applied += part.list.length;
        continue;
      }
      if (part.kind === 'skip') {
        skipped += part.list.length;
        continue;
      }
      const { table, valid: list, invalid } = part;
      const [heldNow, existing] = reads[i]!;
      held += await quarantined(db, table, list, invalid, heldNow);
      if (list.length === 0) continue;
      const store = db.table<Row, string>(table);
      const merged: Row[] = [];
      const shadowPuts: { key: string; value: Shadow }[] = [];
      const shadowDeletes: string[] = [];
      list.forEach((r, j) => {
        const { row, shadow } = mergePulled(existing[j], r, pending.get(recordKey(table, r.id)), seen ? localFieldsOf(table) : null);
        merged.push(row);
        if (shadow) shadowPuts.push({ key: shadowKey(table, r.id), value: shadow });
        else shadowDeletes.push(shadowKey(table, r.id));
      });
      const rows = (await derivePage(db, table, merged, context)) as Row[];
      await Promise.all([
        store.bulkPut(rows),
        shadowPuts.length > 0 ? db.syncState.bulkPut(shadowPuts) : null,
        shadowDeletes.length > 0 && pending.size > 0 ? db.syncState.bulkDelete(shadowDeletes) : null,
      ]);
      await runPageHook(db, table, rows, existing);
      applied += list.length;
    }
    // Observing the newest stamp is enough: every later local stamp sorts after all of them. Done in every
    // chunk, so an edit made between two chunks stamps after the records already stored.
    if (newest) clock.observe(newest);
    await Promise.all([
      db.meta.put({ key: 'hlc', value: clock.last() }),
      end ? db.syncState.bulkPut([{ key: CURSOR_KEY, value: end.cursor }, ...(end.state.put ?? [])]) : null,
      end?.state.remove?.length ? db.syncState.bulkDelete(end.state.remove) : null,
    ]);
  }));
  return { applied, skipped, quarantined: held };
}

/**
 * The local row after a pull: server fields win, except pending ones, whose
 * server value becomes the shadow. In a full resync (`onlyLocal` given) the
 * server's record is complete, so of the local row only local-only and
 * pending fields survive: a value the server never accepted goes away.
 */
export function mergePulled(before: Row | undefined, r: SyncRecord, pending: Set<string> | undefined, onlyLocal: readonly string[] | null = null): { row: Row; shadow: Shadow | null } {
  const keep = (field: string): boolean => onlyLocal === null || onlyLocal.includes(field) || pending?.has(field) === true;
  const row: Row = { id: r.id };
  const stamps: Record<string, string> = {};
  for (const [field, value] of Object.entries(before ?? {})) if (field !== 'stamps' && keep(field)) row[field] = value;
  for (const [field, stamp] of Object.entries(before?.stamps ?? {})) if (keep(field)) stamps[field] = stamp;
  let shadow: Shadow | null = null;
  for (const [field, value] of Object.entries(r.fields)) {
    if (field === 'id' || field === 'stamps') continue;
    const stamp = r.stamps[field] ?? '';
    if (pending?.has(field) && before) {
      (shadow ??= {})[field] = { value, stamp };
      continue;
    }
    row[field] = value;
    stamps[field] = stamp;
  }
  row.stamps = stamps;
  return { row, shadow };
}

async function applyConflicts(db: FieldDeskDb, list: readonly SyncRecord[], pending: Map<string, Set<string>>): Promise<void> {
  const puts: { key: string; value: unknown }[] = [];
  const deletes: string[] = [];
  for (const r of list) {
    // A dismissal still in the outbox wins over the copy the server sends back meanwhile.
    const dismissedHere = pending.get(recordKey(CONFLICTS_TABLE, r.id))?.has('deleted');
    if (r.fields.deleted === 1 || dismissedHere) deletes.push(conflictKey(r.id));
    else puts.push({ key: conflictKey(r.id), value: { id: r.id, ...r.fields } });
  }
  if (puts.length > 0) await db.syncState.bulkPut(puts);
  if (deletes.length > 0) await db.syncState.bulkDelete(deletes);
}

export const newerStamp = (a: string, b: string): boolean => compareStamps(a, b) > 0;
