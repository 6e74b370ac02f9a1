import { addDays, describeRecurrence, localDatesBetween, nextLocalDates, type Recurrence } from '../operations/recurrence';

/**
 * A saved report that repeats ("every Monday for Eastside District") is due
 * on each date its rule falls on (the operations schedule engine's rules,
 * rrule underneath) until it is run on or after that date. FieldDesk cannot
 * run it unattended (a report is saved where the person chooses and mailed
 * from their mail program), so a due report is listed first with Run, one
 * action away.
 */
export interface RepeatState {
  /** The latest date the rule fell on, up to today, not yet run since; null when none is due. */
  dueSince: string | null;
  /** The next date after today the rule falls on (null when it has ended). */
  next: string | null;
  text: string;
}

/** `today` and the last run's local date (YYYY-MM-DD, in the desk's zone). */
export function repeatState(repeat: Recurrence | null, today: string, lastRunDate: string | null): RepeatState | null {
  if (!repeat) return null;
  // The last occurrence on or before today: look back far enough for the rule's period (a year covers yearly rules).
  const back = localDatesBetween(repeat, addDays(today, -400), today);
  const last = back.length ? back[back.length - 1]! : null;
  const dueSince = last !== null && (lastRunDate === null || lastRunDate < last) ? last : null;
  const next = nextLocalDates(repeat, addDays(today, 1), 1)[0] ?? null;
  return { dueSince, next, text: describeRecurrence(repeat).replace(/ at \d\d:\d\d/, '') };
}
