import { formatLocal, localPartsAt, offsetMinutesAt } from '../zonedTime';
import { icsLocal, icsOffset } from './icsText';

/**
 * VTIMEZONE components generated from Intl's offsets, so a calendar file
 * carries its own zone rules and does not depend on the reader's tz database
 * (Outlook in particular reads the rules, not the IANA name).
 *
 * Where the years concerned follow one yearly rule ("second Sunday of March
 * at 2:00") we write it as an RRULE, the form Outlook expects; where they do
 * not (a zone that changed its rules), each transition gets its own dated
 * component, which RFC 5545 also allows.
 */

export interface Transition {
  atMs: number;
  from: number; // offset minutes before
  to: number; // offset minutes after
}

const HOUR = 3_600_000;
const STEP = 12 * HOUR; // no zone changes its offset twice within half a day

/** Offset changes in [fromMs, toMs), to the minute. */
export function findTransitions(timeZone: string, fromMs: number, toMs: number): Transition[] {
  const out: Transition[] = [];
  let t = fromMs;
  let off = offsetMinutesAt(t, timeZone);
  while (t < toMs) {
    const next = Math.min(t + STEP, toMs);
    const nextOff = offsetMinutesAt(next, timeZone);
    if (nextOff !== off) {
      // Binary search, in whole minutes, for the first minute with the new offset.
      let lo = Math.floor(t / 60_000);
      let hi = Math.ceil(next / 60_000);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetMinutesAt(mid * 60_000, timeZone) === off) lo = mid;
        else hi = mid;
      }
      out.push({ atMs: hi * 60_000, from: off, to: nextOff });
      off = nextOff;
    }
    t = next;
  }
  return out;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

/** Wall-clock time of the transition as the old offset saw it (RFC 5545 3.6.5 DTSTART). */
const onsetLocal = (t: Transition) => formatLocal(localPartsAt(t.atMs + t.from * 60_000, 'UTC'));

interface RuleShape {
  month: number;
  weekday: string;
  /** 1-4 for "nth weekday", -1 for "last weekday"; both when a date is both. */
  ordinals: number[];
  time: string;
  from: number;
  to: number;
}

function shapeOf(t: Transition): RuleShape {
  const local = onsetLocal(t);
  const d = new Date(`${local}Z`);
  const day = d.getUTCDate();
  const dim = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  const ordinals = [Math.ceil(day / 7)];
  if (day + 7 > dim) ordinals.push(-1);
  return { month: d.getUTCMonth() + 1, weekday: WEEKDAYS[d.getUTCDay()]!, ordinals, time: local.slice(11), from: t.from, to: t.to };
}

/** One yearly RRULE that produces exactly these transitions, if there is one. */
function yearlyRule(ts: readonly Transition[], years: number): string | null {
  if (ts.length !== years) return null;
  const shapes = ts.map(shapeOf);
  const first = shapes[0]!;
  const same = shapes.every((s) => s.month === first.month && s.weekday === first.weekday && s.time === first.time && s.from === first.from && s.to === first.to);
  if (!same) return null;
  const ordinal = [1, 2, 3, 4, -1].find((n) => shapes.every((s) => s.ordinals.includes(n)));
  if (ordinal === undefined) return null;
  return `RRULE:FREQ=YEARLY;BYMONTH=${first.month};BYDAY=${ordinal}${first.weekday}`;
}

function zoneAbbreviation(atMs: number, timeZone: string): string | null {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date(atMs)).find((p) => p.type === 'timeZoneName')?.value;
  // "PDT" is worth writing; "GMT+2" says no more than TZOFFSETTO does.
  return name && /^[A-Z]{2,5}$/.test(name) ? name : null;
}

function component(kind: 'STANDARD' | 'DAYLIGHT', dtstart: string, from: number, to: number, name: string | null, extra: string[] = []): string[] {
  return [`BEGIN:${kind}`, `DTSTART:${dtstart}`, ...extra, `TZOFFSETFROM:${icsOffset(from)}`, `TZOFFSETTO:${icsOffset(to)}`, ...(name ? [`TZNAME:${name}`] : []), `END:${kind}`];
}

/**
 * The VTIMEZONE for a zone, covering the calendar years [fromYear, toYear]
 * (pass a year before the first event, so its first onset precedes it).
 */
export function buildVTimezone(timeZone: string, fromYear: number, toYear: number): string[] {
  const startMs = Date.UTC(fromYear, 0, 1) - 14 * HOUR; // local midnight on Jan 1 anywhere
  const endMs = Date.UTC(toYear + 1, 0, 1) + 14 * HOUR;
  const ts = findTransitions(timeZone, startMs, endMs);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  if (ts.length === 0) {
    const off = offsetMinutesAt(startMs, timeZone);
    lines.push(...component('STANDARD', '19700101T000000', off, off, zoneAbbreviation(startMs, timeZone)));
  } else {
    // An opening component, so times before the first change in range still resolve.
    const opening = ts[0]!;
    lines.push(...component('STANDARD', '19700101T000000', opening.from, opening.from, zoneAbbreviation(opening.atMs - HOUR, timeZone)));
    const years = toYear - fromYear + 1;
    const daylight = ts.filter((t) => t.to > t.from);
    const standard = ts.filter((t) => t.to <= t.from);
    const dRule = yearlyRule(daylight, years);
    const sRule = yearlyRule(standard, years);
    if (dRule && sRule) {
      for (const [kind, group, rule] of [['DAYLIGHT', daylight, dRule], ['STANDARD', standard, sRule]] as const) {
        const t = group[0]!;
        lines.push(...component(kind, icsLocal(onsetLocal(t)), t.from, t.to, zoneAbbreviation(t.atMs, timeZone), [rule]));
      }
    } else {
      for (const t of ts) {
        lines.push(...component(t.to > t.from ? 'DAYLIGHT' : 'STANDARD', icsLocal(onsetLocal(t)), t.from, t.to, zoneAbbreviation(t.atMs, timeZone)));
      }
    }
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
