/**
 * Every version of the local database schema, oldest first. A version is
 * never edited once released: a change is a new entry with an upgrade
 * function, and tests/unit/renderer/data/migrations.test.ts opens a database
 * written by the previous version and checks everything is still there.
 */
import type { Transaction } from 'dexie';
import { TICKET_STORES_V3, TICKET_STORES_V4, TICKET_STORES_V5, TICKET_STORES_V6, TICKET_STORES_V7, TICKET_STORES_V8, TICKET_STORES_V9, TICKET_STORES_V10, TICKET_STORES_V12, ACTIVE_KEYS_FILL } from './stores/tickets';
import { TRAINING_STORES_V3 } from './stores/training';
import { OPERATIONS_STORES_V15 } from './stores/operations';
import { ACCESS_STORES_V14 } from './stores/access';
import { INFORM_STORES_V16 } from './stores/inform';
import { documentWords } from '../../../shared/inform/documents';
import { upgradeLegacyRow } from '../../../shared/sync/outbox';

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_HISTORY: SchemaVersion[] = [
  {
    version: 1,
    stores: {
      // Local-only bookkeeping: device identity, clock, profile. Never synced.
      meta: '&key',
      // The change log: one row per local write to a synced table, in write order.
      outbox: '++seq, &opId, table',
      people: '&id, name, email, updatedAt',
    },
  },
  {
    version: 2,
    stores: {
      // Directory search and pickers filter by kind and sort by name.
      people: '&id, name, email, updatedAt, [kind+name], deleted',
      // Server cursor and sync bookkeeping, written in the same transaction as pulled pages.
      syncState: '&key',
    },
    async upgrade(tx) {
      // v1 people had no `kind` or tombstone; give them the defaults v2 code expects.
      await tx
        .table('people')
        .toCollection()
        .modify((p: Record<string, unknown>) => {
          p.kind ??= 'requester';
          p.deleted ??= 0;
        });
    },
  },
  {
    version: 3,
    // Help desk and training. Until this version ships, each feature may still change its own stores.
    stores: { ...TICKET_STORES_V3, ...TRAINING_STORES_V3 },
  },
  {
    version: 4,
    // Sort-ordered indexes per status for the ticket list (IndexedDB builds them from the stored records).
    stores: TICKET_STORES_V4,
  },
  {
    version: 5,
    // Pending tickets by reason and last update, for the "Waiting on …" views.
    stores: TICKET_STORES_V5,
  },
  {
    version: 6,
    // A site's tickets by status and priority, for the "By site" views.
    stores: TICKET_STORES_V6,
  },
  {
    version: 7,
    // An assignee's tickets by status and priority, for "My open" and "Unassigned".
    stores: TICKET_STORES_V7,
  },
  {
    version: 8,
    // Search words in blocks, so a search reads a few records per word instead of an index entry per ticket.
    stores: TICKET_STORES_V8,
  },
  {
    version: 9,
    // Ticket numbers indexed but not unique: another device's ticket with a clashing number must not stop sync.
    stores: TICKET_STORES_V9,
  },
  {
    version: 10,
    // Unread indexes dropped: the outbox's `opId` and `table` (the outbox is read in `seq` order, and settled
    // by `seq`), work-log and history `ticketId` (`[ticketId+at]` answers it), work-log `authorId`. Every change
    // wrote an outbox row, so each save and each loaded record wrote two index entries for nothing.
    stores: { outbox: '++seq', ...TICKET_STORES_V10 },
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
  {
    version: 12,
    // One index each for "All open" by last update and a site's open tickets by priority (stores/tickets.ts).
    stores: TICKET_STORES_V12,
    async upgrade(tx) {
      // Stored tickets gain their `active` key in the background (active-keys.ts): written here, it held the
      // app's start for minutes at 100,000 tickets. The mark says the fill is due; the list waits for it.
      if ((await tx.table('tickets').count()) > 0) await tx.table('meta').put({ key: ACTIVE_KEYS_FILL, value: '' });
    },
  },
  {
    version: 14,
    // Access: catalog, requests, approvals, grants, procedure ticks, revocations, leavers, reviews, distribution lists.
    stores: ACCESS_STORES_V14,
  },
  {
    version: 15,
    // Scheduled work and reviews: schedules and their occurrences, windows and freezes, changes, output jobs
    // and runs, post-incident reviews and action items (stores/operations.ts). New stores only, nothing to upgrade.
    stores: OPERATIONS_STORES_V15,
  },
  {
    version: 16,
    // Keeping people informed (shared/inform): its tables, and the document library's search words on materials.
    stores: INFORM_STORES_V16,
    async upgrade(tx) {
      await tx
        .table('materials')
        .toCollection()
        .modify((m: Record<string, unknown>) => {
          m.words = documentWords({ title: String(m.title ?? ''), system: String(m.system ?? ''), systems: (m.systems as string[]) ?? [], tags: (m.tags as string[]) ?? [], body: String(m.body ?? '') });
        });
    },
  },
];

export const CURRENT_SCHEMA_VERSION = SCHEMA_HISTORY[SCHEMA_HISTORY.length - 1]!.version;
