import type { Table } from 'dexie';
import type { Person } from '../../../../../shared/people/schema';
import type { Attachment } from '../../../../../shared/tickets/attachments';
import type { BusinessCalendar } from '../../../../../shared/tickets/calendar';
import type { Agency, Site, System, Team } from '../../../../../shared/tickets/catalog';
import type { HistoryEvent } from '../../../../../shared/tickets/history';
import type { TicketLink } from '../../../../../shared/tickets/links';
import type { RoutingRule } from '../../../../../shared/tickets/routing';
import type { SlaPolicy } from '../../../../../shared/tickets/sla';
import type { WorkLogEntry } from '../../../../../shared/tickets/worklog';
import type { FieldDeskDb } from '../../db';
import type { TicketRow } from './derive';

/** Typed handles on the help-desk stores (declared in repositories/tickets/stores.ts). */
export interface TicketTables {
  tickets: Table<TicketRow, string>;
  workLog: Table<WorkLogEntry, string>;
  history: Table<HistoryEvent, string>;
  links: Table<TicketLink, string>;
  attachments: Table<Attachment, string>;
  agencies: Table<Agency, string>;
  teams: Table<Team, string>;
  sites: Table<Site, string>;
  systems: Table<System, string>;
  routingRules: Table<RoutingRule, string>;
  slaPolicies: Table<SlaPolicy, string>;
  calendars: Table<BusinessCalendar, string>;
  people: Table<Person, string>;
}

export function ticketTables(db: FieldDeskDb): TicketTables {
  return {
    tickets: db.table<TicketRow, string>('tickets'),
    workLog: db.table<WorkLogEntry, string>('workLog'),
    history: db.table<HistoryEvent, string>('ticketHistory'),
    links: db.table<TicketLink, string>('ticketLinks'),
    attachments: db.table<Attachment, string>('ticketAttachments'),
    agencies: db.table<Agency, string>('agencies'),
    teams: db.table<Team, string>('teams'),
    sites: db.table<Site, string>('sites'),
    systems: db.table<System, string>('systems'),
    routingRules: db.table<RoutingRule, string>('routingRules'),
    slaPolicies: db.table<SlaPolicy, string>('slaPolicies'),
    calendars: db.table<BusinessCalendar, string>('calendars'),
    people: db.people,
  };
}

/** Who is making a change: a person id (or this device's id when the staff member is not in the directory) and a name. */
export interface Actor {
  id: string;
  name: string;
  /** Every id that is this user (the account's person, the device's stand-in), when there is more than one. */
  ids?: readonly string[];
}

/** What every ticket repository is built from. `now` and `newId` are injectable for tests. */
export interface RepoContext {
  db: FieldDeskDb;
  t: TicketTables;
  now: () => string;
  newId: () => string;
  actor: () => Promise<Actor>;
  deviceId: () => string;
}

/** Records that are not tombstoned. */
export const alive = <T extends { deleted: 0 | 1 }>(rows: readonly T[]): T[] => rows.filter((r) => r.deleted !== 1);
