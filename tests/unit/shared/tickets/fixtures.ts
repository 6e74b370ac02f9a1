import { BusinessCalendarSchema, type BusinessCalendar } from '../../../../shared/tickets/calendar';
import { createTicket, type CreateContext } from '../../../../shared/tickets/create';
import type { Ticket, TicketCreateInput } from '../../../../shared/tickets/schema';
import { SlaPolicySchema, type SlaPolicy } from '../../../../shared/tickets/sla';

const nine2five = [{ start: '08:00', end: '17:00' }];

/** A Sacramento court's desk: 08:00–17:00 Pacific, Monday to Friday, with a few holidays. */
export const pacific: BusinessCalendar = BusinessCalendarSchema.parse({
  id: 'cal-pacific',
  name: 'Pacific business hours',
  timeZone: 'America/Los_Angeles',
  week: { mon: nine2five, tue: nine2five, wed: nine2five, thu: nine2five, fri: nine2five },
  holidays: ['2025-07-04', '2025-11-27', '2025-12-25'],
});

export const allDayLA: BusinessCalendar = BusinessCalendarSchema.parse({
  id: 'cal-247',
  name: 'Around the clock',
  timeZone: 'America/Los_Angeles',
  week: Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
});

const split = [
  { start: '07:30', end: '12:00' },
  { start: '13:00', end: '16:30' },
];
export const splitNY: BusinessCalendar = BusinessCalendarSchema.parse({
  id: 'cal-ny',
  name: 'Split shift, Eastern',
  timeZone: 'America/New_York',
  week: { mon: split, tue: split, wed: split, thu: split, fri: split, sat: [{ start: '09:00', end: '12:00' }] },
  holidays: ['2025-01-01', '2025-05-26', '2026-01-01'],
});

/** Southern hemisphere (DST in October/April) and a 30-minute DST shift. */
export const lordHowe: BusinessCalendar = BusinessCalendarSchema.parse({
  id: 'cal-lh',
  name: 'Lord Howe',
  timeZone: 'Australia/Lord_Howe',
  week: { sun: [{ start: '01:00', end: '03:00' }], mon: nine2five, wed: nine2five, fri: [{ start: '22:00', end: '24:00' }] },
});

export const CALENDARS = [pacific, allDayLA, splitNY, lordHowe];

export const policy: SlaPolicy = SlaPolicySchema.parse({
  id: 'pol-default',
  name: 'Standard',
  calendarId: pacific.id,
  isDefault: true,
  targets: {
    P1: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
    P3: { firstResponseMinutes: 240, resolutionMinutes: 960 },
    P4: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
  },
});

export const ids = () => {
  let n = 0;
  return () => `id-${String(++n).padStart(4, '0')}`;
};

export function makeTicket(input: Partial<TicketCreateInput> = {}, ctx: Partial<CreateContext> = {}, extra: Partial<Ticket> = {}): Ticket {
  const r = createTicket(
    { title: 'E-filing portal rejects PDF uploads', requesterId: 'person-1', ...input },
    { id: 'ticket-1', number: 'KX7Q-00042', now: '2025-01-13T17:00:00.000Z', createdBy: 'staff-1', policy, calendar: pacific, ...ctx },
  );
  if (!r.ok) throw new Error(r.error.message);
  return { ...r.value.ticket, ...extra };
}
