/**
 * Every version of the local database schema, oldest first. A version is
 * never edited once released: a change is a new entry with an upgrade
 * function, and tests/unit/renderer/data/migrations.test.ts opens a database
 * written by the previous version and checks everything is still there.
 */
import { upgradeLegacyRow } from '../../../shared/sync/outbox';
import { composeSchemaHistory, type SchemaVersion } from './feature';
import { DATA_FEATURES } from './features';

export type { SchemaVersion };

/**
 * The core's own stores per version. Each feature's stores and upgrades are in
 * its contribution (repositories/<feature>/contribution.ts, listed in
 * features.ts) and merged in by version number.
 */
const CORE_VERSIONS: SchemaVersion[] = [
  {
    version: 1,
    stores: {
      // Local-only bookkeeping: device identity, clock, profile. Never synced.
      meta: '&key',
      // The change log: one row per local write to a synced table, in write order.
      outbox: '++seq, &opId, table',
    },
  },
  {
    version: 2,
    stores: {
      // Server cursor and sync bookkeeping, written in the same transaction as pulled pages.
      syncState: '&key',
    },
  },
  {
    version: 10,
    // Unread indexes dropped: the outbox's `opId` and `table` (the outbox is read in `seq` order, and settled
    // by `seq`); the features drop theirs in the same version. Every change wrote an outbox row, so each save
    // and each loaded record wrote two index entries for nothing.
    stores: { outbox: '++seq' },
  },
  {
    version: 11,
    // Outbox rows are change sets (shared/sync/outbox.ts): one row per transaction, not per change. `n`
    // (changes still waiting in the row) is indexed so the waiting count reads index keys, not rows.
    stores: { outbox: '++seq, n' },
    async upgrade(tx) {
      // Each old row becomes a one-change legacy row that keeps its op number.
      await tx
        .table('outbox')
        .toCollection()
        .modify((row: Record<string, unknown>, ref: { value: Record<string, unknown> }) => {
          ref.value = upgradeLegacyRow(row);
        });
    },
  },
];

export const SCHEMA_HISTORY: SchemaVersion[] = composeSchemaHistory(CORE_VERSIONS, DATA_FEATURES);

export const CURRENT_SCHEMA_VERSION = SCHEMA_HISTORY[SCHEMA_HISTORY.length - 1]!.version;
