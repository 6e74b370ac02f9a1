import type { SyncTableSpec } from '../sync/tables-spec';

/**
 * Help-desk tables. Work log and history are append-only. On tickets, `words`
 * (the search index), `assigneeKey`, `due` and `active` (sort and filter keys
 * IndexedDB can index, since it skips nulls; list-keys.ts) are derived on each device from the synced
 * fields, so they are never worth syncing.
 */
export const TICKET_SYNC_TABLES = {
  tickets: { merge: 'lww', localFields: ['words', 'assigneeKey', 'due', 'active'] },
  workLog: { merge: 'append' },
  ticketHistory: { merge: 'append' },
  ticketLinks: { merge: 'lww' },
  ticketAttachments: { merge: 'lww' },
  agencies: { merge: 'lww' },
  teams: { merge: 'lww' },
  sites: { merge: 'lww' },
  systems: { merge: 'lww' },
  routingRules: { merge: 'lww' },
  slaPolicies: { merge: 'lww' },
  calendars: { merge: 'lww' },
} as const satisfies Record<string, SyncTableSpec>;
