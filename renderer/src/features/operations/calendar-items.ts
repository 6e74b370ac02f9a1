import { occurrenceId } from '../../../../shared/operations/ids';
import { afterCompletionDate, localDateOf, localDatesBetween, occurrencesBetween, place, type Recurrence } from '../../../../shared/operations/recurrence';
import { windowIntervals } from '../../../../shared/operations/rules';
import type { Change, MaintenanceWindow, Occurrence, OutputJob, OutputRun, Schedule } from '../../../../shared/operations/schemas';
import type { CalendarSpec } from '../../../../shared/tickets/calendar';
import { opsHref } from './ops-route';

export type ItemKind = 'maintenance' | 'planned' | 'run' | 'window' | 'freeze' | 'change' | 'report';

export interface CalendarItem {
  key: string;
  /** The local day (this computer's zone) it is shown on. */
  day: string;
  at: number;
  kind: ItemKind;
  label: string;
  href: string | null;
  /** Late, failed or in a freeze: drawn with a warning. */
  alert?: string;
}

export interface CalendarSource {
  schedules: readonly Schedule[];
  occurrences: readonly Occurrence[];
  windows: readonly MaintenanceWindow[];
  changes: readonly Change[];
  runs: readonly OutputRun[];
  jobs: readonly OutputJob[];
  calendars: ReadonlyMap<string, CalendarSpec>;
  /** The user's saved status reports that repeat (Reports → Status reports): each date their rule falls on is a run. */
  reports?: readonly RepeatingReport[];
}

export interface RepeatingReport {
  id: string;
  name: string;
  repeat: Recurrence | null;
  lastRunAt: string | null;
  deleted?: number;
}

const dayFormat = new Map<string, Intl.DateTimeFormat>();
/** The local date of an instant in a zone (this computer's when none is given). */
export function dayOf(ms: number, timeZone?: string): string {
  const key = timeZone ?? '';
  let f = dayFormat.get(key);
  if (!f) dayFormat.set(key, (f = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(timeZone ? { timeZone } : {}) })));
  return f.format(ms);
}

/**
 * Everything on the calendar from `from` to `to` (local dates, inclusive):
 * occurrences made (maintenance tickets), occurrences still to come (from the
 * rules, drawn as planned), output runs, windows, freezes and planned changes.
 */
export function calendarItems(src: CalendarSource, from: string, to: string, nowMs: number, timeZone?: string): CalendarItem[] {
  const lo = Date.parse(`${from}T00:00:00Z`) - 86_400_000;
  const hi = Date.parse(`${to}T00:00:00Z`) + 2 * 86_400_000;
  const items: CalendarItem[] = [];
  const push = (it: CalendarItem) => {
    if (it.day >= from && it.day <= to) items.push(it);
  };
  const schedules = new Map(src.schedules.map((s) => [s.id, s]));
  const made = new Set<string>();
  for (const o of src.occurrences) {
    if (o.deleted === 1) continue;
    made.add(o.id);
    const at = Date.parse(o.plannedAt);
    if (at < lo || at > hi || o.kind !== 'maintenance') continue;
    push({ key: o.id, day: dayOf(at, timeZone), at, kind: 'maintenance', label: schedules.get(o.scheduleId)?.name ?? 'Removed schedule', href: o.ticketId ? `#/tickets/${encodeURIComponent(o.ticketId)}` : null });
  }
  for (const s of src.schedules) {
    if (s.deleted === 1 || !s.active || s.mode !== 'fixed') continue;
    const cal = s.calendarId ? (src.calendars.get(s.calendarId) ?? null) : null;
    for (const p of occurrencesBetween(s.rule, dayOf(lo), dayOf(hi), { timeZone: s.timeZone, shift: s.shift, calendar: cal })) {
      const id = occurrenceId(s.id, p.date);
      if (made.has(id)) continue;
      const at = Date.parse(p.at);
      push({ key: `p:${id}`, day: dayOf(at, timeZone), at, kind: 'planned', label: `${s.name} (planned)`, href: opsHref({ view: 'schedule', id: s.id }) });
    }
  }
  for (const it of expectedAfterCompletion(src, nowMs, timeZone)) if (it.at >= lo && it.at <= hi) push(it);
  const jobs = new Map(src.jobs.map((j) => [j.id, j]));
  for (const r of src.runs) {
    if (r.deleted === 1) continue;
    const at = Date.parse(r.expectedAt);
    if (at < lo || at > hi) continue;
    const late = r.status !== 'distributed' && !r.receivedAt && nowMs > at;
    push({
      key: r.id,
      day: dayOf(at, timeZone),
      at,
      kind: 'run',
      label: jobs.get(r.jobId)?.name ?? 'Removed job',
      href: opsHref({ view: 'run', id: r.id }),
      ...(r.status === 'failed' ? { alert: 'Failed verification' } : late ? { alert: 'Late' } : {}),
    });
  }
  for (const w of src.windows) {
    if (w.deleted === 1) continue;
    for (const i of windowIntervals(w, lo, hi)) {
      // A window or freeze longer than a day is shown on every day it covers (up to a month).
      const first = dayOf(i.start, timeZone);
      const last = dayOf(i.end - 1, timeZone);
      let day = first;
      for (let n = 0; n < 31 && day <= last; n++) {
        push({ key: `${w.id}:${i.start}:${day}`, day, at: day === first ? i.start : Date.parse(`${day}T00:00:00Z`), kind: w.kind, label: day === first ? w.name : `${w.name} (continues)`, href: null });
        day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      }
    }
  }
  for (const c of src.changes) {
    if (c.deleted === 1 || !c.plannedStart || c.status === 'cancelled') continue;
    const at = Date.parse(c.plannedStart);
    if (at < lo || at > hi) continue;
    push({ key: c.id, day: dayOf(at, timeZone), at, kind: 'change', label: c.title, href: opsHref({ view: 'change', id: c.id }) });
  }
  // Saved status reports that repeat: a run on each date the rule falls on; one due and not run since is flagged.
  const today = dayOf(nowMs, timeZone);
  for (const r of src.reports ?? []) {
    if (r.deleted === 1 || !r.repeat) continue;
    const lastRun = r.lastRunAt ? dayOf(Date.parse(r.lastRunAt), timeZone) : null;
    for (const day of localDatesBetween(r.repeat, from, to)) {
      const due = day <= today && (lastRun === null || lastRun < day);
      push({ key: `report:${r.id}:${day}`, day, at: Date.parse(`${day}T${r.repeat.time}:00`), kind: 'report', label: `Status report: ${r.name}`, href: `#/reports/status/${encodeURIComponent(r.id)}`, ...(due ? { alert: 'Due, not run' } : {}) });
    }
  }
  return items.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
}

/**
 * The next date of each after-completion schedule whose last occurrence is
 * completed (or that has none yet): its afterDays from the last completion,
 * as the generator will place it (not before today). While an occurrence is
 * still open the next date is not known yet, and nothing is drawn.
 */
export function expectedAfterCompletion(src: Pick<CalendarSource, 'schedules' | 'occurrences' | 'calendars'>, nowMs: number, timeZone?: string): CalendarItem[] {
  const bySchedule = new Map<string, Occurrence[]>();
  for (const o of src.occurrences) {
    if (o.deleted === 1) continue;
    const list = bySchedule.get(o.scheduleId);
    if (list) list.push(o);
    else bySchedule.set(o.scheduleId, [o]);
  }
  const out: CalendarItem[] = [];
  for (const s of src.schedules) {
    if (s.deleted === 1 || !s.active || s.mode !== 'after_completion') continue;
    const occs = bySchedule.get(s.id) ?? [];
    if (occs.some((o) => o.status === 'created' && !o.completedAt)) continue;
    let last: string | null = null;
    for (const o of occs) {
      if (!o.completedAt) continue;
      const d = localDateOf(Date.parse(o.completedAt), s.timeZone);
      if (!last || d > last) last = d;
    }
    const today = localDateOf(nowMs, s.timeZone);
    let next = afterCompletionDate(last, s.afterDays, s.rule.start);
    if (next < today) next = today;
    if (s.rule.until && next > s.rule.until) continue;
    const id = occurrenceId(s.id, next);
    if (occs.some((o) => o.id === id)) continue;
    const cal = s.calendarId ? (src.calendars.get(s.calendarId) ?? null) : null;
    const p = place(next, s.rule.time, s.timeZone, s.shift, cal);
    const at = Date.parse(p.at);
    out.push({ key: `e:${id}`, day: dayOf(at, timeZone), at, kind: 'planned', label: `${s.name} (expected, ${s.afterDays} days after the last)`, href: opsHref({ view: 'schedule', id: s.id }) });
  }
  return out;
}

/**
 * The calendar of one system: its schedules and their occurrences, the runs of
 * its output jobs, and the windows, freezes and changes that name it. Null
 * (all systems) leaves the source as it is.
 */
export function forSystem<S extends CalendarSource>(src: S, systemId: string | null): S {
  if (!systemId) return src;
  const schedules = src.schedules.filter((x) => x.systemId === systemId);
  const scheduleIds = new Set(schedules.map((x) => x.id));
  const jobs = src.jobs.filter((j) => j.systemId === systemId);
  const jobIds = new Set(jobs.map((j) => j.id));
  return {
    ...src,
    // Status reports are for an agency, a site, a requester or a team, not a system.
    reports: [],
    schedules,
    occurrences: src.occurrences.filter((o) => scheduleIds.has(o.scheduleId)),
    runs: src.runs.filter((r) => jobIds.has(r.jobId)),
    jobs,
    windows: src.windows.filter((w) => w.systemIds.includes(systemId)),
    changes: src.changes.filter((c) => c.systemIds.includes(systemId)),
  };
}

/** Items grouped by day. */
export function itemsByDay(items: readonly CalendarItem[]): Map<string, CalendarItem[]> {
  const map = new Map<string, CalendarItem[]>();
  for (const it of items) {
    const list = map.get(it.day);
    if (list) list.push(it);
    else map.set(it.day, [it]);
  }
  return map;
}

export const KIND_LABELS: Record<ItemKind, string> = {
  maintenance: 'Maintenance',
  planned: 'Planned maintenance',
  run: 'Output run',
  window: 'Maintenance window',
  freeze: 'Freeze',
  change: 'Change',
  report: 'Status report',
};
