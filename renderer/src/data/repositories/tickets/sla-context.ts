import type { CalendarSpec } from '../../../../../shared/tickets/calendar';
import type { Ticket } from '../../../../../shared/tickets/schema';
import { pickPolicy, type SlaPolicy } from '../../../../../shared/tickets/sla';
import { alive, type TicketTables } from './tables';

export interface SlaContext {
  policy: SlaPolicy | null;
  calendar: CalendarSpec | null;
}

/** The SLA policy and calendar that apply to a ticket (site-specific first, else the default). */
export async function slaFor(t: TicketTables, ticket: Pick<Ticket, 'siteId'>): Promise<SlaContext> {
  const policy = pickPolicy(ticket, alive(await t.slaPolicies.toArray()));
  if (!policy) return { policy: null, calendar: null };
  const calendar = (await t.calendars.get(policy.calendarId)) ?? null;
  return { policy: calendar && !calendar.deleted ? policy : null, calendar: calendar && !calendar.deleted ? calendar : null };
}
