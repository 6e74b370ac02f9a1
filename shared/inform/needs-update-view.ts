import type { CalendarSpec } from '../tickets/calendar';
import { PRIORITIES, type Priority } from '../tickets/enums';
import { UpdateCadenceSchema, type NeedsUpdateRow, type UpdateCadence } from './updates';

/**
 * The words of the "Needs an update" ticket view (pure, so the list, the
 * palette and the tests say the same thing): how long the requester has
 * heard nothing, and the cadence as the settings form edits it.
 */

/**
 * The calendar the clock counts by when the desk has none yet: Monday to
 * Friday, 08:00–17:00, no holidays, in the device's zone. The view says so.
 */
export function fallbackUpdateCalendar(timeZone: string): CalendarSpec {
  const day = [{ start: '08:00', end: '17:00' }];
  return { timeZone, week: { sun: [], mon: day, tue: day, wed: day, thu: day, fri: day, sat: [] }, holidays: [] };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "4 business days" — how long since the requester last heard, in the row's own words. */
export function silenceText(row: Pick<NeedsUpdateRow<unknown>, 'businessDaysSilent' | 'lastContact'>): string {
  const span = plural(row.businessDaysSilent, 'business day');
  return row.lastContact === null ? `${span}, no update sent yet` : `${span} since the last update`;
}

/** "3 days over (due Nov 3)" or "due today" — how far past its priority's cadence a row is. */
export function overdueText(row: Pick<NeedsUpdateRow<unknown>, 'businessDaysSilent' | 'limit' | 'dueDate'>): string {
  const over = row.businessDaysSilent - row.limit;
  const due = formatLocalDate(row.dueDate);
  return over <= 0 ? `due ${due}` : `${plural(over, 'business day')} over (due ${due})`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A local date (YYYY-MM-DD) as "Nov 3, 2026". */
export function formatLocalDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${Number(m[3])}, ${m[1]}`;
}

/** The list's count, as the view's tab and the palette show it. */
export const needsUpdateCountText = (n: number): string => (n === 0 ? 'No ticket needs an update' : `${plural(n, 'ticket')} need${n === 1 ? 's' : ''} an update`);

/** The cadence form's values (text in inputs) read as numbers; messages keyed by priority. */
export function parseCadenceForm(values: Readonly<Record<Priority, string>>): { ok: true; value: UpdateCadence } | { ok: false; fields: Partial<Record<Priority, string>> } {
  const raw: Record<string, unknown> = {};
  const fields: Partial<Record<Priority, string>> = {};
  for (const p of PRIORITIES) {
    const s = (values[p] ?? '').trim();
    if (s === '') fields[p] = 'Enter a number of business days';
    else raw[p] = /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
  }
  const parsed = UpdateCadenceSchema.safeParse(raw);
  if (!parsed.success) for (const issue of parsed.error.issues) fields[issue.path[0] as Priority] ??= issue.message;
  if (Object.keys(fields).length > 0 || !parsed.success) return { ok: false, fields };
  return { ok: true, value: parsed.data };
}
