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
