/**
 * Dexie stores of the help-desk feature, first added in schema version 3.
 * Owned by the tickets feature; repositories/<feature>/contribution.ts places them in the schema history.
 *
 * The list screen answers filters from these indexes (see
 * repositories/tickets/query.ts):
 *   - `[x+status]` pairs narrow a view by assignee, team, site, system or priority;
 *   - `assigneeKey` is assigneeId or '-' (IndexedDB does not index null, and
 *     "Unassigned" is a view);
 *   - `due` is the due time the desk is racing now, or '~' (sorts last) when none;
 *   - `[key+id]` indexes walk a sort order and resume after the last row of a
 *     page (keyset paging), so scrolling deep into 100,000 rows never re-reads
 *     the rows above;
 *   - `*words` is the multi-entry search index.
 */
export const TICKET_STORES_V3: Record<string, string> = {
  tickets:
    '&id, &number, status, requesterId, mergedInto, *tags, *words, [assigneeKey+status], [teamId+status], [siteId+status], [systemId+status], [status+priority], [status+due], [priority+id], [due+id], [createdAt+id], [updatedAt+id]',
  workLog: '&id, ticketId, [ticketId+at], authorId',
  ticketHistory: '&id, ticketId, [ticketId+at]',
  ticketLinks: '&id, fromId, toId',
  ticketAttachments: '&id, ticketId, sha256',
  agencies: '&id, name',
  teams: '&id, name',
  sites: '&id, name, agencyId',
  systems: '&id, name',
  routingRules: '&id, order',
  slaPolicies: '&id',
  calendars: '&id',
};

/**
 * Version 4: a view's first screen is read in its sort order, one status at a
 * time. `[status+<sort key>+id]` serves "open tickets by last update" or
 * "new and open tickets due before tonight" with a few bounded range reads
 * (merged in memory) instead of a walk that filters record by record. They
 * replace `[status+priority]` and `[status+due]`, whose queries they answer too.
 */
export const TICKET_STORES_V4: Record<string, string> = {
  tickets:
    '&id, &number, status, requesterId, mergedInto, *tags, *words, [assigneeKey+status], [teamId+status], [siteId+status], [systemId+status], [status+priority+id], [status+due+id], [status+updatedAt+id], [status+createdAt+id], [priority+id], [due+id], [createdAt+id], [updatedAt+id]',
};

/**
 * Version 5: "Waiting on requester" (and on vendor, on a change window) reads
 * pending tickets by reason in order of last update. Only a pending ticket
 * has a reason and IndexedDB leaves records with a null key out, so the index
 * holds just the pending tickets and costs the other writes nothing.
 */
export const TICKET_STORES_V5: Record<string, string> = {
  tickets: `${TICKET_STORES_V4.tickets}, [pendingReason+updatedAt+id]`,
};

/**
 * Version 6: a site's open tickets by priority (the "By site" views). At
 * 100,000 tickets a site holds about 1% of the open ones, so walking
 * `[status+priority+id]` and dropping other sites' rows read about 2,000
 * records for a first screen. With the site in front, the first screen reads
 * one screen of index entries and records per status.
 */
export const TICKET_STORES_V6: Record<string, string> = {
  tickets: `${TICKET_STORES_V5.tickets}, [siteId+status+priority+id]`,
};

/**
 * Version 7: the same for an assignee's (or nobody's) open tickets by
 * priority, "My open" and "Unassigned": at 100,000 tickets the unassigned
 * ones were read whole (hundreds of records) and sorted for each first screen.
 */
export const TICKET_STORES_V7: Record<string, string> = {
  tickets: `${TICKET_STORES_V6.tickets}, [assigneeKey+status+priority+id]`,
};

/**
 * Version 8: search words in blocks, one record per word per packed step of
 * tickets, keyed `[word+last]` (repositories/tickets/word-blocks.ts). Local
 * only: rebuilt from the tickets, never synced. Empty until the packer runs,
 * and until then the `words` index answers every search as before.
 */
export const TICKET_STORES_V8: Record<string, string> = {
  wordBlocks: '[word+last]',
};

/**
 * Version 9: ticket numbers are no longer a unique index. A device numbers
 * with its own code and never reuses a number it holds, but two devices can
 * end up with one code (two ids hashed alike, a backup restored on a second
 * laptop while the first is in use); their tickets then share numbers, and a
 * unique index made the pull that brought the second one fail, every time:
 * sync stopped for good. Now the pull stores it, and the device that learns
 * of the clash changes its code (repositories/tickets/numbering.ts).
 */
export const TICKET_STORES_V9: Record<string, string> = {
  tickets: TICKET_STORES_V7.tickets!.replace('&number', 'number'),
};

/**
 * Version 10: indexes nothing reads, dropped. Every work-log entry and history
 * event paid for a `ticketId` index beside `[ticketId+at]`, whose first part
 * answers the same queries (Dexie reads it as a virtual `ticketId` index), and
 * every work-log entry for an `authorId` index no query uses. Each index entry
 * is a write of its own in Chromium's IndexedDB: loading 500,000 entries wrote
 * a million entries more than the reads need.
 */
export const TICKET_STORES_V10: Record<string, string> = {
  workLog: '&id, [ticketId+at]',
  ticketHistory: '&id, [ticketId+at]',
};

/**
 * Version 12: active tickets alone, in the two orders the busiest broad views
 * read. `active` is 1 on a new, open or pending ticket and missing otherwise
 * (shared/tickets/list-keys.ts), and IndexedDB leaves a record with a missing
 * key part out of an index, so these hold only active tickets. "All open" by
 * last update and a site's open tickets by priority were each three ranges
 * (one per status), merged after probing where to cut them; at 100,000
 * tickets those probes cost more than the screen's records. Now each is one
 * range, read in order.
 */
export const ACTIVE_UPDATED_INDEX = '[active+updatedAt+id]';
export const ACTIVE_SITE_INDEX = '[siteId+active+priority+id]';
/** `meta` row present while tickets stored before v12 may lack `active` (repositories/tickets/active-keys.ts). */
export const ACTIVE_KEYS_FILL = 'activeKeysFill';
export const TICKET_STORES_V12: Record<string, string> = {
  tickets: `${TICKET_STORES_V9.tickets}, ${ACTIVE_UPDATED_INDEX}, ${ACTIVE_SITE_INDEX}`,
};
