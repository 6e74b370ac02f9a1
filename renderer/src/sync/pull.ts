import { LIMITS, PullResponseSchema, ROUTES } from '../../../shared/sync/protocol';
import { markRemote } from '../data/changelog';
import type { FieldDeskDb } from '../data/db';
import { applyPage, syncStores } from './apply';
import { requestJson, type HttpOptions, type SyncFailure } from './http';
import { pendingFields } from './pending';
import type { FirstSyncTier } from '../../../shared/sync/tiers';
import { advanceFill, readFill, runTierDoneHooks } from './fill';
import { CONFLICT_PREFIX, CURSOR_KEY, FILL_KEY, PULL_PROGRESS_KEY, QUARANTINE_PREFIX, recordKey, RESYNC_KEY, SHADOW_PREFIX } from './state-keys';

export interface PullProgress {
  /** Records received in this pull so far. */
  received: number;
  pages: number;
  /** True for a pull from an empty cursor: a new device or a full resync. */
  fromStart: boolean;
  /** In a first sync in tiers: the tier of the last page (fill.ts has the counts). */
  tier?: FirstSyncTier;
}

export interface PullOptions {
  http: HttpOptions;
  token: string;
  pageSize?: number;
  onProgress?: (p: PullProgress) => void;
  /** Stop between pages (the app is closing); the cursor already stored lets the next run resume. */
  signal?: AbortSignal;
}

export interface PullSummary {
  received: number;
  pages: number;
  resynced: boolean;
}

type PullOutcome = { ok: true; value: PullSummary } | { ok: false; error: SyncFailure };

const getState = async (db: FieldDeskDb, key: string): Promise<unknown> => (await db.syncState.get(key))?.value;

/**
 * Pull pages after the stored cursor until the server has no more. Each page
 * and its cursor land in one transaction, so an interrupted pull resumes where
 * it stopped. When the server cannot continue the cursor, do a full resync
 * (keeping the outbox) and drop what the server no longer has.
 */
export async function pullChanges(db: FieldDeskDb, options: PullOptions): Promise<PullOutcome> {
  const resyncing = (await getState(db, RESYNC_KEY)) !== undefined;
  // An interrupted full resync starts over: the set of records seen so far was not kept.
  if (resyncing) return fullResync(db, options);
  let res = await pullFrom(db, options, ((await getState(db, CURSOR_KEY)) as string | undefined) ?? '', undefined);
  if (res.ok && res.value === 'restart') res = await pullFrom(db, options, '', undefined);
  if (!res.ok) return res;
  if (res.value === 'restart') return { ok: false, error: { kind: 'protocol', status: 400, message: 'The server refused a first sync from the start' } };
  if (res.value === 'resync') return fullResync(db, options);
  return { ok: true, value: { ...res.value, resynced: false } };
}

async function fullResync(db: FieldDeskDb, options: PullOptions): Promise<PullOutcome> {
  await db.syncState.bulkPut([
    { key: RESYNC_KEY, value: new Date().toISOString() },
    { key: CURSOR_KEY, value: '' },
  ]);
  const seen = new Map<string, Set<string>>();
  const res = await pullFrom(db, options, '', seen);
  if (!res.ok) return res;
  if (res.value === 'resync' || res.value === 'restart') return { ok: false, error: { kind: 'protocol', status: 200, message: 'The server asked for a resync from an empty cursor' } };
  await dropUnseen(db, seen);
  return { ok: true, value: { ...res.value, resynced: true } };
}

async function pullFrom(db: FieldDeskDb, options: PullOptions, start: string, seen: Map<string, Set<string>> | undefined) {
  // A first sync that was interrupted carries on counting where it stopped.
  const stored = (await getState(db, PULL_PROGRESS_KEY)) as PullProgress | undefined;
  const progress: PullProgress = start !== '' && stored ? { received: stored.received, pages: stored.pages, fromStart: true } : { received: 0, pages: 0, fromStart: start === '' };
  const limit = Math.min(options.pageSize ?? 1000, LIMITS.maxPullLimit);
  // A new device asks for its first sync in tiers (fill.ts); a full resync, which must see every record, does not.
  // `tiered` means nothing with a cursor, nor to a server from before tiers: both answer an ordinary pull.
  const tiered = seen === undefined ? { tiered: true } : {};
  const request = (after: string) => requestJson(options.http, 'POST', ROUTES.pull, PullResponseSchema, { token: options.token, body: { cursor: after, limit, ...tiered } });
  let fill = seen === undefined ? await readFill(db) : undefined;
  let next = request(start);
  for (;;) {
    if (options.signal?.aborted) return { ok: false as const, error: { kind: 'network' as const, status: 0, message: 'Sync stopped' } };
    const res = await next;
    // A server that no longer knows tier cursors (downgraded mid-fill): begin the first sync again.
    if (!res.ok && fill && res.error.kind === 'protocol' && res.error.status === 400) {
      await db.syncState.bulkDelete([FILL_KEY, PULL_PROGRESS_KEY]);
      await db.syncState.put({ key: CURSOR_KEY, value: '' });
      return { ok: true as const, value: 'restart' as const };
    }
    if (!res.ok) return res;
    const page = res.value;
    if (page.status === 'resync') {
      if (fill) await db.syncState.delete(FILL_KEY);
      return { ok: true as const, value: 'resync' as const };
    }
    // Ask for the next page while this one is written: the server and the
    // network work while IndexedDB does. Nothing is stored from it until this
    // page and its cursor are committed, so resuming stays exact.
    if (page.hasMore) next = request(page.cursor);
    const state: { put?: { key: string; value: unknown }[]; remove?: string[] } = {};
    if (page.tier) {
      // A tier is complete when the next one's first page comes: let features make it ready first.
      if (fill && fill.tier !== page.tier) await runTierDoneHooks(db, fill.tier);
      fill = advanceFill(fill, page.tier, page.tierCounts, page.records);
      if (page.hasMore) state.put = [{ key: FILL_KEY, value: fill }];
      else state.remove = [FILL_KEY];
    } else if (fill) {
      // The first page after the last tier: the fill is over, ordinary pulls go on.
      fill = undefined;
      state.remove = [FILL_KEY];
    }
    await applyPage(db, page.records, page.cursor, seen, state, { tier: page.tier });
    if (page.tier && !page.hasMore) await runTierDoneHooks(db, page.tier);
    progress.received += page.records.length;
    progress.pages += 1;
    if (page.tier) progress.tier = page.tier;
    else delete progress.tier;
    options.onProgress?.({ ...progress });
    if (progress.fromStart && page.hasMore) await db.syncState.put({ key: PULL_PROGRESS_KEY, value: { ...progress, at: new Date().toISOString() } });
    if (!page.hasMore) {
      if (progress.fromStart) await db.syncState.delete(PULL_PROGRESS_KEY);
      return { ok: true as const, value: { received: progress.received - (stored && start !== '' ? stored.received : 0), pages: progress.pages } };
    }
  }
}

/**
 * After a full resync, local records the server did not send are gone there
 * (their tombstones were purged): remove them, unless a local change to them
 * is still waiting to be pushed. Also forget conflicts and shadows the
 * server no longer has.
 */
async function dropUnseen(db: FieldDeskDb, seen: Map<string, Set<string>>): Promise<void> {
  await db.transaction('rw', syncStores(db), async (tx) => {
    markRemote(tx.idbtrans);
    const pending = await pendingFields(db);
    for (const store of syncStores(db)) {
      if (store === db.outbox || store === db.syncState || store === db.meta) continue;
      const kept = seen.get(store.name) ?? new Set<string>();
      const keys = (await store.toCollection().primaryKeys()) as string[];
      const gone = keys.filter((id) => !kept.has(id) && !pending.has(recordKey(store.name, id)));
      if (gone.length > 0) await store.bulkDelete(gone);
    }
    const conflictsSeen = seen.get('_conflicts') ?? new Set<string>();
    // A quarantined record the server no longer has is gone there too.
    const wasSeen = (key: string) => {
      const [table, id] = JSON.parse(key) as [string, string];
      return seen.get(table)?.has(id) === true;
    };
    const stateKeys = (await db.syncState.toCollection().primaryKeys()) as string[];
    const stale = stateKeys.filter(
      (k) =>
        (k.startsWith(CONFLICT_PREFIX) && !conflictsSeen.has(k.slice(CONFLICT_PREFIX.length))) ||
        (k.startsWith(SHADOW_PREFIX) && !pending.has(k.slice(SHADOW_PREFIX.length))) ||
        (k.startsWith(QUARANTINE_PREFIX) && !wasSeen(k.slice(QUARANTINE_PREFIX.length))),
    );
    if (stale.length > 0) await db.syncState.bulkDelete(stale);
    await db.syncState.delete(RESYNC_KEY);
  });
}
