import { z } from 'zod';
import { dayOfIsoDate, isoDateOfDay, localDayOf, WEEKDAYS, weekdayOfDay, type CalendarSpec } from '../tickets/calendar';
import { isActive, PRIORITIES, type Priority } from '../tickets/enums';
import { LIMITS } from '../tickets/fields';
import type { Ticket } from '../tickets/schema';
import { countsAsResponse, type WorkLogEntry, type WorkLogInput, type WorkLogKind } from '../tickets/worklog';
import { SyncedRecordFields } from '../training/common';

/**
 * Updates to requesters and the "needs an update" clock.
 *
 * An update is recorded in the work log as an `email` entry (contact with
 * the requester: it counts as a response for the SLA, like a call or a
 * visit), so the log, the SLA and this clock all read the same record. The
 * mail itself is a draft in the person's own mail program (a mailto: link or
 * an .eml file); FieldDesk never sends mail.
 */

export const UPDATE_KIND: WorkLogKind = 'email';
export const UPDATE_MARK = 'Update sent to';

/** The work-log entry input for an update sent to a requester. */
export function requesterUpdateEntry(input: { requesterName: string; subject: string; text: string; minutes?: number; attachments?: readonly string[] }): WorkLogInput {
  const head = `${UPDATE_MARK} ${input.requesterName.trim() || 'the requester'} (mail draft): ${input.subject.trim()}`;
  const files = input.attachments && input.attachments.length > 0 ? `\n\nAttached: ${input.attachments.join(', ')}` : '';
  const body = `${head}\n\n${input.text.trim()}${files}`.slice(0, LIMITS.workLogBody);
  return { kind: UPDATE_KIND, body, minutes: input.minutes ?? 0 };
}

/** The last time the requester heard from the desk about a ticket: the latest entry that reaches them, or null. */
export function lastContactAt(entries: readonly Pick<WorkLogEntry, 'ticketId' | 'kind' | 'at' | 'deleted'>[], ticketId: string): string | null {
  let last: string | null = null;
  for (const e of entries) {
    if (e.ticketId !== ticketId || e.deleted === 1 || !countsAsResponse(e)) continue;
    if (last === null || e.at > last) last = e.at;
  }
  return last;
}

/** Latest contact per ticket, for many tickets at once. */
export function lastContactByTicket(entries: readonly Pick<WorkLogEntry, 'ticketId' | 'kind' | 'at' | 'deleted'>[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entries) {
    if (e.deleted === 1 || !countsAsResponse(e)) continue;
    const prev = out.get(e.ticketId);
    if (prev === undefined || e.at > prev) out.set(e.ticketId, e.at);
  }
  return out;
}

const days = z.number({ error: 'Days must be a number' }).int('Whole business days').min(1, 'At least 1 business day').max(60, 'At most 60 business days');

/** Business days without news after which a ticket needs an update, per priority. */
export const UpdateCadenceSchema = z.object({ P1: days.default(1), P2: days.default(2), P3: days.default(5), P4: days.default(10) });
export type UpdateCadence = z.output<typeof UpdateCadenceSchema>;
export const DEFAULT_CADENCE: UpdateCadence = { P1: 1, P2: 2, P3: 5, P4: 10 };

/** The desk's inform settings (one record, id `default`); synced, kept by coordinators and admins. */
export const InformSettingsSchema = z.object({
  cadence: UpdateCadenceSchema.default(DEFAULT_CADENCE),
  ...SyncedRecordFields,
});
export type InformSettings = z.output<typeof InformSettingsSchema>;
export const INFORM_SETTINGS_ID = 'default';

const MAX_SCAN_DAYS = 3 * 366;

/** Whether a local day (days since 1970-01-01) is a working day of the calendar. */
export function isWorkingDay(day: number, cal: CalendarSpec, holidays: ReadonlySet<string> = new Set(cal.holidays)): boolean {
  const wd = WEEKDAYS[weekdayOfDay(day)]!;
  return cal.week[wd].length > 0 && !holidays.has(isoDateOfDay(day));
}

/** Holidays as local day numbers, once per calendar's list (a list of thousands is read once, not once per ticket). */
const holidayCache = new WeakMap<readonly string[], ReadonlySet<number>>();
function holidayDays(cal: CalendarSpec): ReadonlySet<number> {
  let set = holidayCache.get(cal.holidays);
  if (!set) {
    set = new Set(cal.holidays.map(dayOfIsoDate));
    holidayCache.set(cal.holidays, set);
  }
  return set;
}
const workingWeekdays = (cal: CalendarSpec): boolean[] => WEEKDAYS.map((wd) => cal.week[wd].length > 0);

/** Working days from local day `a` to `b`, both included: whole weeks at once, then the rest, less the holidays that fall on working days. */
function workingDaysIn(a: number, b: number, cal: CalendarSpec): number {
  if (b < a) return 0;
  const weekly = workingWeekdays(cal);
  const perWeek = weekly.filter(Boolean).length;
  const weeks = Math.floor((b - a + 1) / 7);
  let n = weeks * perWeek;
  for (let d = a + weeks * 7; d <= b; d++) if (weekly[weekdayOfDay(d)]) n++;
  for (const h of holidayDays(cal)) if (h >= a && h <= b && weekly[weekdayOfDay(h)]) n--;
  return n;
}

/**
 * Working days after the day of `from` up to and including the day of `now`
 * (local days in the calendar's zone): contact on Monday, asked on Wednesday,
 * is 2; across a weekend or a holiday those days do not count. (Counted by
 * whole weeks: a list of a thousand silent tickets once took seconds, a day
 * at a time.)
 */
export function businessDaysSince(fromIso: string, nowIso: string, cal: CalendarSpec): number {
  const from = localDayOf(cal.timeZone, Date.parse(fromIso));
  const to = localDayOf(cal.timeZone, Date.parse(nowIso));
  if (to <= from) return 0;
  return workingDaysIn(Math.max(from + 1, to - MAX_SCAN_DAYS), to, cal);
}

/** The local date (YYYY-MM-DD) that is `n` working days after the day of `fromIso`. */
export function workingDayAfter(fromIso: string, n: number, cal: CalendarSpec): string {
  const holidays = holidayDays(cal);
  const weekly = workingWeekdays(cal);
  let d = localDayOf(cal.timeZone, Date.parse(fromIso));
  let left = n;
  for (let guard = 0; left > 0 && guard < MAX_SCAN_DAYS; guard++) {
    d++;
    if (weekly[weekdayOfDay(d)] && !holidays.has(d)) left--;
  }
  return isoDateOfDay(d);
}

export interface NeedsUpdateRow<T> {
  ticket: T;
  /** The last contact, or null when the requester never heard anything (counted from creation). */
  lastContact: string | null;
  businessDaysSilent: number;
  /** The cadence for the ticket's priority. */
  limit: number;
  /** The local date the update was (or is) due. */
  dueDate: string;
}

/**
 * Open tickets whose requester has heard nothing for at least the cadence of
 * their priority, longest silence first (then priority). A ticket waiting on
 * the requester is left out: the desk is the one waiting.
 */
export function needsUpdate<T extends Pick<Ticket, 'id' | 'status' | 'priority' | 'createdAt' | 'pendingReason'>>(input: {
  tickets: readonly T[];
  lastContact: ReadonlyMap<string, string>;
  cadence: UpdateCadence;
  calendar: CalendarSpec;
  now: string;
}): NeedsUpdateRow<T>[] {
  const rows: NeedsUpdateRow<T>[] = [];
  for (const t of input.tickets) {
    if (!isActive(t.status) || t.pendingReason === 'waiting_on_requester') continue;
    const last = input.lastContact.get(t.id) ?? null;
    const since = last ?? t.createdAt;
    const limit = input.cadence[t.priority as Priority] ?? DEFAULT_CADENCE[t.priority as Priority];
    const silent = businessDaysSince(since, input.now, input.calendar);
    if (silent < limit) continue;
    rows.push({ ticket: t, lastContact: last, businessDaysSilent: silent, limit, dueDate: workingDayAfter(since, limit, input.calendar) });
  }
  const rank = (p: string) => PRIORITIES.indexOf(p as Priority);
  return rows.sort((a, b) => b.businessDaysSilent - b.limit - (a.businessDaysSilent - a.limit) || rank(a.ticket.priority) - rank(b.ticket.priority) || a.ticket.id.localeCompare(b.ticket.id));
}

