/**
 * The tables that sync, and how each merges. `lww` tables merge field by field
 * on clock stamps; `append` tables hold immutable records that merge by union
 * (work log, history, attendance, audit trail).
 *
 * Each feature keeps its own list (shared/<feature>/sync-tables.ts); the Dexie
 * schema, the change log and the server all read the combined list here.
 */
import { INFORM_SYNC_TABLES } from '../inform/sync-tables';
import { PEOPLE_SYNC_TABLES } from '../people/sync-tables';
import { ACCESS_SYNC_TABLES } from '../access/sync-tables';
import { TICKET_SYNC_TABLES } from '../tickets/sync-tables';
import { TRAINING_SYNC_TABLES } from '../training/sync-tables';
import { OPERATIONS_SYNC_TABLES } from '../operations/sync-tables';
import type { SyncTableSpec } from './tables-spec';

export type { MergeMode, SyncTableSpec } from './tables-spec';

export const SYNC_TABLES = {
  ...PEOPLE_SYNC_TABLES,
  ...TICKET_SYNC_TABLES,
  ...TRAINING_SYNC_TABLES,
  ...OPERATIONS_SYNC_TABLES,
  ...ACCESS_SYNC_TABLES,
  ...INFORM_SYNC_TABLES,
} as const satisfies Record<string, SyncTableSpec>;

export type SyncTableName = keyof typeof SYNC_TABLES;

export const SYNC_TABLE_NAMES = Object.keys(SYNC_TABLES) as SyncTableName[];

export const isSyncTable = (name: string): name is SyncTableName => Object.hasOwn(SYNC_TABLES, name);

const NO_LOCAL_FIELDS: readonly string[] = [];

export function localFieldsOf(name: string): readonly string[] {
  return isSyncTable(name) ? ((SYNC_TABLES[name] as SyncTableSpec).localFields ?? NO_LOCAL_FIELDS) : NO_LOCAL_FIELDS;
}
