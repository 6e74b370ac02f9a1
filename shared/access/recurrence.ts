/**
 * Recurring review campaigns (quarterly, yearly). A campaign whose due date
 * has come makes the next campaign of its series: the same scope, reviewer,
 * default and share, due three or twelve months later.
 *
 * Ids are derived, not drawn (as operations' occurrences are): the next
 * campaign's id is a stable string of the series and its due date, and each
 * of its items' ids a stable string of that and the grant. Two laptops that
 * make the same next campaign offline write the same records, which merge
 * into one after a sync instead of arriving twice.
 *
 * Dates are stepped by calendar months, with the day kept and clamped to the
 * month's last day (a campaign due 31 January is next due 30 April, then 31
 * July): the last day of a month stays the last day. rrule's BYMONTHDAY
 * skips months that lack the day instead (31 January, quarterly, gives 31
 * July next), which is not what a quarterly review means, so this steps the
 * months itself.
 */
import type { ReviewCampaign } from './schema';

export type CampaignRecurrence = ReviewCampaign['recurrence'];

const MONTHS: Record<Exclude<CampaignRecurrence, 'none'>, number> = { quarterly: 3, yearly: 12 };

const lastDay = (y: number, m0: number) => new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate();
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `date` (YYYY-MM-DD) moved by whole months; a day past the target month's end becomes its last day, and a last day stays a last day. */
export function addMonths(date: string, months: number): string {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`Not a date: ${date}`);
  const y = Number(m[1]);
  const m0 = Number(m[2]) - 1;
  const d = Number(m[3]);
  const total = y * 12 + m0 + months;
  const ty = Math.floor(total / 12);
  const tm0 = total - ty * 12;
  const wasLast = d === lastDay(y, m0);
  const day = wasLast ? lastDay(ty, tm0) : Math.min(d, lastDay(ty, tm0));
  return `${String(ty).padStart(4, '0')}-${String(tm0 + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The due date of the campaign after one due on `dueDate`, or null when it does not recur. */
export function nextDueDate(recurrence: CampaignRecurrence, dueDate: string): string | null {
  return recurrence === 'none' ? null : addMonths(dueDate, MONTHS[recurrence]);
}

/** A campaign's series: the first campaign's id (kept on each later one as `seriesId`). */
export const seriesOf = (c: Pick<ReviewCampaign, 'id'> & { seriesId?: string | null }): string => c.seriesId || c.id;

/** 12 hex digits of a string (two FNV-1a 32-bit hashes, differently seeded): short enough to fit ids within 64 characters. */
function hash12(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return (a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')).slice(0, 12);
}

const compact = (date: string) => date.replaceAll('-', '');

/** The id of a series' campaign due on `dueDate` (at most 27 characters). */
export function recurringCampaignId(seriesId: string, dueDate: string): string {
  if (!DATE.test(dueDate)) throw new RangeError(`Not a date: ${dueDate}`);
  return `rc:${hash12(seriesId)}:${compact(dueDate)}`;
}

/** The id of that campaign's item for a grant (a grant id of up to 36 characters gives at most 64). */
export function recurringItemId(campaignId: string, grantId: string): string {
  return `ri:${hash12(campaignId)}:${grantId}`.slice(0, 64);
}

/**
 * The campaigns whose next campaign is due now: recurring, due on or before
 * `today`, the newest of their series, and whose next one is not held yet
 * (periods missed while no one opened the app are skipped: the next due date
 * is the first after today).
 * Gives each with the next campaign's id and due date. A campaign is due on
 * its due date whether or not it is closed: reviews run on the calendar.
 */
export function dueRecurrences(campaigns: readonly (Pick<ReviewCampaign, 'id' | 'recurrence' | 'dueDate' | 'deleted'> & { seriesId?: string | null })[], today: string): { from: string; id: string; dueDate: string; seriesId: string }[] {
  const held = new Set(campaigns.map((c) => c.id));
  const newest = new Map<string, (typeof campaigns)[number]>();
  for (const c of campaigns) {
    if (c.deleted) continue;
    const s = seriesOf(c);
    const cur = newest.get(s);
    if (!cur || c.dueDate > cur.dueDate) newest.set(s, c);
  }
  const out: { from: string; id: string; dueDate: string; seriesId: string }[] = [];
  for (const [seriesId, c] of newest) {
    if (c.recurrence === 'none' || c.dueDate > today) continue;
    // Periods missed while nobody opened the app are skipped: the next campaign is the first due after today.
    let dueDate = nextDueDate(c.recurrence, c.dueDate)!;
    while (dueDate <= today) dueDate = nextDueDate(c.recurrence, dueDate)!;
    const id = recurringCampaignId(seriesId, dueDate);
    if (!held.has(id)) out.push({ from: c.id, id, dueDate, seriesId });
  }
  return out;
}
