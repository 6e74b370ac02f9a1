/**
 * A first sync in tiers (docs/sync-protocol.md, "First sync in tiers"): the
 * records a new device needs to work come first, the rest after.
 *
 *   1. `reference`: people and the help-desk configuration (catalog, teams,
 *      routing, SLA, calendars, canned responses, settings): small, and named
 *      by every screen.
 *   2. `open`: active tickets (new, open, pending; not deleted) and the
 *      records their list rows and search words need (work log,
 *      attachments). With tier 1 these make the first views complete: All
 *      open, My open, Unassigned, a site's open tickets, Waiting on requester.
 *   3. `rest`: every record not in `reference` and not an active ticket:
 *      closed and resolved tickets, history, training, access… It repeats the
 *      children of active tickets on purpose: a closed ticket reopened during
 *      the fill moves its unchanged children into `open` after that tier was
 *      read, and only `rest` can still bring them (a repeat is harmless: the
 *      client replaces the record with the same values).
 *
 * Membership is by a record's own fields, except a child's, which follows its
 * ticket; see the reasoning above for why that cannot lose a record.
 */
export const FIRST_SYNC_TIERS = ['reference', 'open', 'rest'] as const;
export type FirstSyncTier = (typeof FIRST_SYNC_TIERS)[number];

/** Tables of tier 1. */
export const REFERENCE_TABLES: readonly string[] = [
  'people',
  'agencies',
  'teams',
  'sites',
  'systems',
  'routingRules',
  'slaPolicies',
  'calendars',
  'cannedResponses',
  'informSettings',
];

/** The ticket table and the statuses tier 2 holds (shared/tickets/enums.ts ACTIVE_STATUSES). */
export const TIER_TICKET_TABLE = 'tickets';
export const TIER_OPEN_STATUSES: readonly string[] = ['new', 'open', 'pending'];

/** Tables whose records belong to one ticket (`ticketId`) and come with it in tier 2 (and again in tier 3). */
export const TIER_TICKET_CHILDREN: readonly string[] = ['workLog', 'ticketAttachments'];

export const nextTier = (tier: FirstSyncTier): FirstSyncTier | null => FIRST_SYNC_TIERS[FIRST_SYNC_TIERS.indexOf(tier) + 1] ?? null;

/** How the app names what a tier brings, in the status bar and the ticket list. */
export const TIER_WORDS: Record<FirstSyncTier, { what: string; ticketsWhat: string }> = {
  reference: { what: 'People and help-desk settings', ticketsWhat: 'People and help-desk settings' },
  open: { what: 'Open tickets', ticketsWhat: 'Open tickets' },
  rest: { what: 'Older records', ticketsWhat: 'Closed and older tickets' },
};
