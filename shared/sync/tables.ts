/**
 * The tables that sync, and how each merges. `lww` tables merge field by field
 * on clock stamps; `append` tables hold immutable records that merge by union
 * (work log, history, attendance, audit trail).
 *
 * Each feature keeps its own list (shared/<feature>/sync-tables.ts) and
 * contributes it through the registration list (shared/features.ts); the Dexie
 * schema, the change log and the server all read the combined list here.
 */
import { FEATURE_SYNC_TABLES } from '../features';
import type { SyncTableSpec } from './tables-spec';

export type { MergeMode, SyncTableSpec } from './tables-spec';

export const SYNC_TABLES = FEATURE_SYNC_TABLES satisfies Record<string, SyncTableSpec>;

export type SyncTableName = keyof typeof SYNC_TABLES;

export const SYNC_TABLE_NAMES = Object.keys(SYNC_TABLES) as SyncTableName[];

export const isSyncTable = (name: string): name is SyncTableName => Object.hasOwn(SYNC_TABLES, name);

const NO_LOCAL_FIELDS: readonly string[] = [];

export function localFieldsOf(name: string): readonly string[] {
  return isSyncTable(name) ? ((SYNC_TABLES[name] as SyncTableSpec).localFields ?? NO_LOCAL_FIELDS) : NO_LOCAL_FIELDS;
}
