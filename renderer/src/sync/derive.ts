import type { FirstSyncTier } from '../../../shared/sync/tiers';
import type { FieldDeskDb } from '../data/db';

/**
 * Local-only fields (search words, sort keys; `localFields` in
 * shared/sync/tables.ts) are never synced, so a record arriving from the
 * server must have them computed here. A feature registers how for its table;
 * without a registration the record's previous local fields are kept.
 */
export type DeriveLocalFields = (row: Record<string, unknown>) => Record<string, unknown>;

const derivers = new Map<string, DeriveLocalFields>();

export function registerDerivedFields(table: string, derive: DeriveLocalFields): () => void {
  derivers.set(table, derive);
  return () => {
    if (derivers.get(table) === derive) derivers.delete(table);
  };
}

export function deriveLocalFields(table: string, row: Record<string, unknown>): Record<string, unknown> {
  const derive = derivers.get(table);
  return derive ? derive(row) : row;
}

/**
 * Local fields that need other records (a ticket's words hold its
 * requester's name and its work log): derived for a whole page of a table at
 * once, inside the page's transaction, after the per-record derivation and
 * before the page's one put, so a record is written once, whole. Must only
 * read stores in the page's transaction.
 */
export type DerivePage = (db: FieldDeskDb, rows: Record<string, unknown>[], context: PageContext) => Promise<Record<string, unknown>[]>;

/** What a page derivation may want to know of the page: the first-sync tier it belongs to (none outside a first sync in tiers). */
export interface PageContext {
  tier?: FirstSyncTier;
}

const pageDerivers = new Map<string, DerivePage>();

export function registerPageDerivation(table: string, derive: DerivePage): () => void {
  pageDerivers.set(table, derive);
  return () => {
    if (pageDerivers.get(table) === derive) pageDerivers.delete(table);
  };
}

/** A page's records of one table with their local fields: each record's own, then the page's. */
export async function derivePage(db: FieldDeskDb, table: string, rows: readonly Record<string, unknown>[], context: PageContext = {}): Promise<Record<string, unknown>[]> {
  const each = rows.map((r) => deriveLocalFields(table, r));
  const page = pageDerivers.get(table);
  return page ? page(db, each, context) : each;
}

/**
 * Runs inside a pulled page's transaction after a table's records are
 * written, with each record as stored before: lets a feature queue follow-up
 * work (search words that need other tables) without slowing the page by
 * doing it there. Must only write to stores in the page's transaction.
 */
export type PageHook = (db: FieldDeskDb, rows: readonly Record<string, unknown>[], before: readonly (Record<string, unknown> | undefined)[]) => Promise<void> | void;

const hooks = new Map<string, PageHook>();

export function registerPageHook(table: string, hook: PageHook): () => void {
  hooks.set(table, hook);
  return () => {
    if (hooks.get(table) === hook) hooks.delete(table);
  };
}

export async function runPageHook(db: FieldDeskDb, table: string, rows: readonly Record<string, unknown>[], before: readonly (Record<string, unknown> | undefined)[]): Promise<void> {
  await hooks.get(table)?.(db, rows, before);
}
