import type { BusinessCalendar, CalendarSpec } from '../../../../../shared/tickets/calendar';
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
  return slaWith(policy, (await t.calendars.get(policy.calendarId)) ?? null);
}

/** The same choice from policies and calendars already read (many tickets at once, as an import does). */
export function slaFrom(policies: readonly SlaPolicy[], calendars: ReadonlyMap<string, BusinessCalendar>, ticket: Pick<Ticket, 'siteId'>): SlaContext {
  const policy = pickPolicy(ticket, alive(policies));
  return policy ? slaWith(policy, calendars.get(policy.calendarId) ?? null) : { policy: null, calendar: null };
}

function slaWith(policy: SlaPolicy, calendar: BusinessCalendar | null): SlaContext {
  return { policy: calendar && !calendar.deleted ? policy : null, calendar: calendar && !calendar.deleted ? calendar : null };
}
