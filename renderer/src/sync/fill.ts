import { useLiveQuery } from 'dexie-react-hooks';
import type { FirstSyncTier } from '../../../shared/sync/tiers';
import { FIRST_SYNC_TIERS, TIER_TICKET_TABLE, TIER_WORDS } from '../../../shared/sync/tiers';
import type { FieldDeskDb } from '../data/db';
import { FILL_KEY } from './state-keys';

/**
 * The state of a first sync in tiers (docs/sync-protocol.md, "First sync in
 * tiers"), kept in `syncState` under FILL_KEY in the same transaction as each
 * page and its cursor, so it resumes with the pull. Absent when no fill runs.
 */
export interface FillState {
  /** The tier the last applied page belonged to. */
  tier: FirstSyncTier;
  /** Records per tier and table as the fill began (the server's count). */
  counts: Partial<Record<FirstSyncTier, Record<string, number>>>;
  /** Records received so far, per tier and table. */
  received: Partial<Record<FirstSyncTier, Record<string, number>>>;
  /** When the tiers before `rest` were complete (ISO), once they are. */
  firstViewsAt?: string;
}

/** The fill state after one more page of `tier`. */
export function advanceFill(prev: FillState | undefined, tier: FirstSyncTier, counts: FillState['counts'] | undefined, records: readonly { table: string }[]): FillState {
  const received = structuredClone(prev?.received ?? {});
  const mine = (received[tier] ??= {});
  for (const r of records) mine[r.table] = (mine[r.table] ?? 0) + 1;
  const firstViewsAt = prev?.firstViewsAt ?? (tier === 'rest' ? new Date().toISOString() : undefined);
  return { tier, counts: counts ?? prev?.counts ?? {}, received, ...(firstViewsAt ? { firstViewsAt } : {}) };
}

/**
 * Runs when a tier of a first sync is complete, before the next tier's first
 * page is applied: a feature makes what it needs of that tier ready (the
 * tickets make the open tickets' search words, so the first views are
 * searchable while the rest still arrives). Must be safe to run twice: a fill
 * interrupted after it runs it again on resuming.
 */
export type TierDoneHook = (db: FieldDeskDb, tier: FirstSyncTier) => Promise<void>;

const tierHooks = new Set<TierDoneHook>();

export function registerTierDoneHook(hook: TierDoneHook): () => void {
  tierHooks.add(hook);
  return () => void tierHooks.delete(hook);
}

export async function runTierDoneHooks(db: FieldDeskDb, tier: FirstSyncTier): Promise<void> {
  for (const hook of tierHooks) await hook(db, tier);
}

export interface Arriving {
  /** What is still arriving, in the user's words ("Closed and older tickets"). */
  what: string;
  received: number;
  total: number;
  /** Tickets counted (else records of every kind). */
  tickets: boolean;
}

/**
 * What a fill still brings, tier by tier from the current one: tickets where
 * the tier has tickets, else records. Received never shows above the total
 * (records changed during the fill can arrive twice).
 */
export function stillArriving(fill: FillState | undefined): Arriving[] {
  if (!fill) return [];
  const from = FIRST_SYNC_TIERS.indexOf(fill.tier);
  const out: Arriving[] = [];
  for (const tier of FIRST_SYNC_TIERS.slice(from)) {
    const counts = fill.counts[tier] ?? {};
    const got = fill.received[tier] ?? {};
    const tickets = (counts[TIER_TICKET_TABLE] ?? 0) > 0;
    const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
    const total = tickets ? (counts[TIER_TICKET_TABLE] ?? 0) : sum(counts);
    const received = Math.min(total, tickets ? (got[TIER_TICKET_TABLE] ?? 0) : sum(got));
    if (total === 0 || received >= total) continue;
    out.push({ what: tickets ? TIER_WORDS[tier].ticketsWhat : TIER_WORDS[tier].what, received, total, tickets });
  }
  return out;
}

const n = (x: number) => x.toLocaleString('en-US');

/** "Closed and older tickets still arriving: 41,200 of 88,000". */
export const arrivingText = (a: Arriving): string => `${a.what} still arriving: ${n(a.received)} of ${n(a.total)}`;

export const readFill = async (db: FieldDeskDb): Promise<FillState | undefined> => (await db.syncState.get(FILL_KEY))?.value as FillState | undefined;

/** The fill in progress, live (undefined while loading or when none runs). */
export function useFill(db: FieldDeskDb): FillState | undefined {
  return useLiveQuery(() => readFill(db), [db]);
}
