import { isManager, MANAGERS, storedSchema, undeletes } from '../sync/stored-schema';
import type { SyncTableSpec, TableWriteRule, WriteRuleContext } from '../sync/tables-spec';
import { AttachmentSchema } from './attachments';
import { BusinessCalendarSchema } from './calendar';
import { AgencySchema, SiteSchema, SystemSchema, TeamSchema } from './catalog';
import { HistoryEventSchema } from './history';
import { TicketLinkSchema } from './links';
import { RoutingRuleSchema } from './routing';
import { TicketSchema } from './schema';
import { SlaPolicySchema } from './sla';
import { WorkLogEntrySchema } from './worklog';

/**
 * Help-desk tables. Work log and history are append-only. On tickets, `words`
 * (the search index), `blockWords` (the words of a ticket a first sync brought
 * in its last tier, kept out of that index: renderer word-blocks.ts), `assigneeKey`, `due` and `active` (sort and filter keys
 * IndexedDB can index, since it skips nulls; list-keys.ts) are derived on each device from the synced
 * fields, so they are never worth syncing.
 *
 * Write rules (the server enforces them; docs/sync-protocol.md lists them):
 * every role works tickets; configuration is for coordinators and admins.
 */

const everyone = (summary: string, check?: TableWriteRule['check']): TableWriteRule => ({ roles: 'any', summary, ...(check ? { check } : {}) });

/** Configuration: coordinators and admins. */
const configuration: TableWriteRule = { roles: MANAGERS, summary: 'Coordinators and admins.' };

/** A deleted ticket comes back only by a coordinator's or admin's hand (deleting is everyone's undo; un-deleting overrules it). */
function ticketCheck(ctx: WriteRuleContext): string | null {
  if (undeletes(ctx) && !isManager(ctx)) return 'Only a coordinator or admin may restore a deleted ticket';
  return null;
}

export const TICKET_SYNC_TABLES = {
  tickets: {
    merge: 'lww',
    localFields: ['words', 'blockWords', 'assigneeKey', 'due', 'active'],
    schema: storedSchema(TicketSchema),
    rule: everyone('Every role. Restoring a deleted ticket (`deleted` 1 → 0): coordinators and admins.', ticketCheck),
  },
  workLog: {
    merge: 'append',
    schema: storedSchema(WorkLogEntrySchema),
    rule: {
      roles: 'any',
      authorship: {
        actorField: 'authorId',
        copyOf: (after) => {
          const from = after.copiedFrom as { entryId?: unknown } | null | undefined;
          return from && typeof from.entryId === 'string' ? { table: 'workLog', id: from.entryId } : null;
        },
      },
      reads: (after) => {
        const from = after.copiedFrom as { entryId?: unknown } | null | undefined;
        return from && typeof from.entryId === 'string' ? [{ table: 'workLog', id: from.entryId }] : [];
      },
      summary: 'Every role. Append-only; `authorId` is the signed-in user (a copy made by a ticket merge keeps the author of the entry it copies, which must exist).',
    },
  },
  ticketHistory: {
    merge: 'append',
    schema: storedSchema(HistoryEventSchema),
    rule: { roles: 'any', authorship: { actorField: 'by', deviceField: 'device' }, summary: 'Every role. Append-only; `by` is the signed-in user and `device` the session’s device.' },
  },
  ticketLinks: { merge: 'lww', schema: storedSchema(TicketLinkSchema), rule: everyone('Every role.') },
  ticketAttachments: { merge: 'lww', schema: storedSchema(AttachmentSchema), rule: everyone('Every role.') },
  agencies: { merge: 'lww', schema: storedSchema(AgencySchema), rule: configuration },
  teams: { merge: 'lww', schema: storedSchema(TeamSchema), rule: configuration },
  sites: { merge: 'lww', schema: storedSchema(SiteSchema), rule: configuration },
  systems: { merge: 'lww', schema: storedSchema(SystemSchema), rule: configuration },
  routingRules: { merge: 'lww', schema: storedSchema(RoutingRuleSchema), rule: configuration },
  slaPolicies: { merge: 'lww', schema: storedSchema(SlaPolicySchema), rule: configuration },
  calendars: { merge: 'lww', schema: storedSchema(BusinessCalendarSchema), rule: configuration },
} as const satisfies Record<string, SyncTableSpec>;

