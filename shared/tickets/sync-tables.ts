import type { SyncTableSpec } from '../sync/tables-spec';

/** Help-desk tables. Work log and history are append-only; `words` is a local search index. */
export const TICKET_SYNC_TABLES = {
  tickets: { merge: 'lww', localFields: ['words'] },
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
