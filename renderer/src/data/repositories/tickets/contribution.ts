/**
 * The help desk's part of the local database, registered in
 * renderer/src/data/features.ts: its stores per schema version, the
 * search-word blocks' state and middleware, the marks read when the database
 * opens, and the background jobs (search words, word blocks, list keys).
 */
import { defineDataFeature } from '../../feature';
import { noteActiveKeysFill, startActiveKeysFill } from './active-keys';
import { ACTIVE_KEYS_FILL, TICKET_STORES_V3, TICKET_STORES_V4, TICKET_STORES_V5, TICKET_STORES_V6, TICKET_STORES_V7, TICKET_STORES_V8, TICKET_STORES_V9, TICKET_STORES_V10, TICKET_STORES_V12 } from './stores';
import { newWordBlockState, startWordPacker, WORD_BLOCKS_UP_TO, wordBlocksMiddleware, withIndexedWords, WORDS_INDEX_PARTIAL, type WordBlockState } from './word-blocks';
import { startWordRefresher } from './word-refresh';
import { registerFirstViewsReady } from './first-views';
import { registerTicketDerivation } from './derive';

declare module '../../db' {
  interface FieldDeskDb {
    /** The search-word blocks' mark, as the write path sees it (word-blocks.ts). */
    readonly wordBlockState: WordBlockState;
  }
}

export const ticketsData = defineDataFeature({
  id: 'tickets',
  schema: [
    // Help desk (training's stores come in the same version).
    { version: 3, stores: TICKET_STORES_V3 },
    // Sort-ordered indexes per status for the ticket list (IndexedDB builds them from the stored records).
    { version: 4, stores: TICKET_STORES_V4 },
    // Pending tickets by reason and last update, for the "Waiting on …" views.
    { version: 5, stores: TICKET_STORES_V5 },
    // A site's tickets by status and priority, for the "By site" views.
    { version: 6, stores: TICKET_STORES_V6 },
    // An assignee's tickets by status and priority, for "My open" and "Unassigned".
    { version: 7, stores: TICKET_STORES_V7 },
    // Search words in blocks, so a search reads a few records per word instead of an index entry per ticket.
    { version: 8, stores: TICKET_STORES_V8 },
    // Ticket numbers indexed but not unique: another device's ticket with a clashing number must not stop sync.
    { version: 9, stores: TICKET_STORES_V9 },
    // Unread indexes dropped (with the outbox's, in schema.ts): work-log and history `ticketId` (`[ticketId+at]`
    // answers it), work-log `authorId`. Each save and each loaded record wrote index entries for nothing.
    { version: 10, stores: TICKET_STORES_V10 },
    {
      version: 12,
      // One index each for "All open" by last update and a site's open tickets by priority (stores.ts).
      stores: TICKET_STORES_V12,
      async upgrade(tx) {
        // Stored tickets gain their `active` key in the background (active-keys.ts): written here, it held the
        // app's start for minutes at 100,000 tickets. The mark says the fill is due; the list waits for it.
        if ((await tx.table('tickets').count()) > 0) await tx.table('meta').put({ key: ACTIVE_KEYS_FILL, value: '' });
      },
    },
  ],
  attach(db) {
    // A first sync in tiers makes the open tickets' words before closed ones arrive (first-views.ts).
    registerFirstViewsReady();
    // Pulled tickets' local fields and search words are derived in the page's write, from the database's opening on
    // (not only once a screen has built the ticket repositories: a first sync may start before).
    registerTicketDerivation();
    (db as { wordBlockState: WordBlockState }).wordBlockState = newWordBlockState();
    // Tickets whose words only the blocks hold read like any other (word-blocks.ts).
    if (db.tables.some((t) => t.name === 'tickets')) db.table('tickets').hook('reading', withIndexedWords);
  },
  // Mounted after the change log at the same level, so it wraps it: an edit's patch blocks reuse the change log's read.
  middleware: (db) => wordBlocksMiddleware(db.wordBlockState),
  async onOpen(db) {
    const [mark, fill, partial] = await Promise.all([db.meta.get(WORD_BLOCKS_UP_TO), db.meta.get(ACTIVE_KEYS_FILL), db.meta.get(WORDS_INDEX_PARTIAL)]);
    db.wordBlockState.upTo = typeof mark?.value === 'string' ? mark.value : null;
    db.wordBlockState.partial = partial !== undefined;
    noteActiveKeysFill(db, fill);
  },
  background: [
    // Synced tickets get their full search words in the background (and any left from a crash, now).
    { name: 'search words', failure: 'FieldDesk: search words refresh failed; it is retried on the next change', start: (db, o) => startWordRefresher(db, o) },
    // Older tickets' search words are packed into blocks in the background, so a search reads a few records per word.
    { name: 'word blocks', failure: 'FieldDesk: packing search words failed; it is tried again later', start: (db, o) => startWordPacker(db, o) },
    // Tickets stored before schema v12 gain their list key in the background; the list waits for it.
    { name: 'list keys', failure: 'FieldDesk: filling the open-ticket list keys failed; it is tried again at the next start', start: (db, o) => startActiveKeysFill(db, o) },
  ],
});
