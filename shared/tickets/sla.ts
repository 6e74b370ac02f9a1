import { z } from 'zod';
import { addBusinessMs, businessMsBetween, type CalendarSpec } from './calendar';
import { PRIORITIES, type Priority } from './enums';
import { idField, LIMITS, syncMeta, text } from './fields';
import type { Pause, Ticket } from './schema';

/**
 * SLA policies and the SLA clock.
 *
 * Targets are business minutes on the policy's calendar. Both clocks (first
 * response and resolution) start at createdAt and stand still during the
 * ticket's pauses: while pending, and between a resolve and a reopen. Pauses
 * live on the ticket (`pauses`), maintained by transitions.ts, so a due time is
 * a function of the ticket, the policy and the calendar alone.
 *
 * While a pause is open the due time is unknown (it depends on when the pause
 * ends), so it is stored as null; list screens therefore never show a paused
 * ticket as breaching, and the due time is recomputed on resume.
 */

const MAX_TARGET_MINUTES = 60 * 24 * 366;

const TargetSchema = z.object({
  firstResponseMinutes: z
    .number({ error: 'First-response target must be a number of minutes' })
    .int('First-response target must be whole minutes')
    .min(1, 'First-response target must be at least 1 minute')
    .max(MAX_TARGET_MINUTES, 'First-response target is too long'),
  resolutionMinutes: z
    .number({ error: 'Resolution target must be a number of minutes' })
    .int('Resolution target must be whole minutes')
    .min(1, 'Resolution target must be at least 1 minute')
    .max(MAX_TARGET_MINUTES, 'Resolution target is too long'),
});
export type SlaTarget = z.output<typeof TargetSchema>;

export const SlaPolicySchema = z
  .object({
    id: idField('Id'),
    name: text('Policy name', LIMITS.name, { required: true }),
    calendarId: idField('Calendar'),
    /** The policy every ticket gets unless a site-specific policy lists its site. */
    isDefault: z.boolean().default(false),
    siteIds: z.array(idField('Site')).max(500).default([]),
    targets: z.object({ P1: TargetSchema, P2: TargetSchema, P3: TargetSchema, P4: TargetSchema }),
    /** At risk when less than this share of the target remains. */
    atRiskFraction: z.number().gt(0, 'At-risk share must be above 0').lt(1, 'At-risk share must be below 1').default(0.25),
    ...syncMeta,
  })
  .refine((p) => PRIORITIES.every((k) => p.targets[k].firstResponseMinutes <= p.targets[k].resolutionMinutes), {
    error: 'A first-response target cannot be longer than the resolution target',
    path: ['targets'],
  });
export type SlaPolicy = z.output<typeof SlaPolicySchema>;
export type SlaPolicyInput = z.input<typeof SlaPolicySchema>;

/** A site-specific policy wins; otherwise the default; otherwise none. */
export function pickPolicy(ticket: Pick<Ticket, 'siteId'>, policies: readonly SlaPolicy[]): SlaPolicy | null {
  const live = policies.filter((p) => p.deleted === 0);
  const bySite = ticket.siteId ? live.find((p) => p.siteIds.includes(ticket.siteId as string)) : undefined;
  return bySite ?? live.find((p) => p.isDefault) ?? null;
}

const MINUTE_MS = 60_000;

interface Span {
  from: number;
  to: number | null;
}

/** Pauses as sorted, non-overlapping ms spans (bad data from a merge must not double-count). */
function normalisePauses(pauses: readonly Pause[]): Span[] {
  const spans = pauses
    .map((p) => ({ from: Date.parse(p.from), to: p.to === null ? null : Date.parse(p.to) }))
    .filter((p) => p.to === null || p.to > p.from)
    .sort((a, b) => a.from - b.from);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && (last.to === null || s.from <= last.to)) {
      last.to = last.to === null || s.to === null ? null : Math.max(last.to, s.to);
    } else out.push({ ...s });
  }
  return out;
}

/**
 * The instant at which `targetMs` of unpaused business time has elapsed since
 * `startMs`, or null when an open pause is reached first.
 */
export function dueWithPauses(startMs: number, targetMs: number, pauses: readonly Pause[], cal: CalendarSpec): number | null {
  let t = startMs;
  let remaining = targetMs;
  for (const p of normalisePauses(pauses)) {
    const pauseEnd = p.to;
    if (pauseEnd !== null && pauseEnd <= t) continue;
    const from = Math.max(p.from, t);
    const candidate = addBusinessMs(t, remaining, cal);
    if (candidate <= from) return candidate;
    remaining -= businessMsBetween(t, from, cal);
    if (pauseEnd === null) return null;
    t = pauseEnd;
  }
  return addBusinessMs(t, remaining, cal);
}

/** Unpaused business time between `startMs` and `endMs`. */
export function activeBusinessMs(startMs: number, endMs: number, pauses: readonly Pause[], cal: CalendarSpec): number {
  let total = businessMsBetween(startMs, endMs, cal);
  for (const p of normalisePauses(pauses)) {
    const from = Math.max(p.from, startMs);
    const to = Math.min(p.to ?? endMs, endMs);
    if (to > from) total -= businessMsBetween(from, to, cal);
  }
  return total;
}

/** Business minutes the ticket has spent paused up to `now`. */
export function pausedBusinessMinutes(ticket: Pick<Ticket, 'pauses' | 'createdAt'>, cal: CalendarSpec, now: string): number {
  const start = Date.parse(ticket.createdAt);
  const end = Date.parse(now);
  let total = 0;
  for (const p of normalisePauses(ticket.pauses)) {
    const from = Math.max(p.from, start);
    const to = Math.min(p.to ?? end, end);
    if (to > from) total += businessMsBetween(from, to, cal);
  }
  return total / MINUTE_MS;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function targetFor(policy: SlaPolicy, priority: Priority): SlaTarget {
  return policy.targets[priority];
}

type DueInput = Pick<Ticket, 'createdAt' | 'priority' | 'pauses'>;

/** Due times for the ticket's current priority, from createdAt, pauses excluded. */
export function computeDueTimes(ticket: DueInput, policy: SlaPolicy, cal: CalendarSpec): { firstResponseDue: string | null; resolutionDue: string | null } {
  const start = Date.parse(ticket.createdAt);
  const target = targetFor(policy, ticket.priority);
  return {
    firstResponseDue: iso(dueWithPauses(start, target.firstResponseMinutes * MINUTE_MS, ticket.pauses, cal)),
    resolutionDue: iso(dueWithPauses(start, target.resolutionMinutes * MINUTE_MS, ticket.pauses, cal)),
  };
}

/** The ticket with its stored due times brought up to date. */
export function withDueTimes<T extends DueInput>(ticket: T, policy: SlaPolicy | null, cal: CalendarSpec | null): T {
  if (!policy || !cal) return ticket;
  return { ...ticket, ...computeDueTimes(ticket, policy, cal) };
}

export interface SlaClock {
  targetMinutes: number;
  /** When the target is reached; null while paused. */
  due: string | null;
  /** Unpaused business minutes used so far (up to the stop, or now). */
  elapsedMinutes: number;
  /** Business minutes left; negative once breached. */
  remainingMinutes: number;
  /** The clock stopped (responded / resolved / closed) at this instant. */
  stoppedAt: string | null;
  paused: boolean;
  /** Stopped within the target. */
  met: boolean;
  /** Used more than the target, whether stopped or still running. */
  breached: boolean;
  /** Still running, not breached, and less than the at-risk share of the target is left. */
  atRisk: boolean;
  /** False for cancelled tickets: nobody owed the requester anything. */
  applicable: boolean;
}

export interface SlaState {
  priority: Priority;
  firstResponse: SlaClock;
  resolution: SlaClock;
}

type SlaInput = Pick<
  Ticket,
  'createdAt' | 'priority' | 'pauses' | 'status' | 'firstRespondedAt' | 'resolvedAt' | 'closedAt'
>;

function clock(ticket: SlaInput, targetMinutes: number, stopIso: string | null, policy: SlaPolicy, cal: CalendarSpec, nowMs: number): SlaClock {
  const start = Date.parse(ticket.createdAt);
  const stop = stopIso === null ? null : Date.parse(stopIso);
  const end = stop ?? Math.max(nowMs, start);
  const targetMs = targetMinutes * MINUTE_MS;
  const elapsed = activeBusinessMs(start, end, ticket.pauses, cal);
  const due = iso(dueWithPauses(start, targetMs, ticket.pauses, cal));
  const paused = stop === null && ticket.pauses.some((p) => p.to === null);
  const applicable = ticket.status !== 'cancelled';
  const breached = applicable && elapsed > targetMs;
  const remaining = targetMs - elapsed;
  return {
    targetMinutes,
    due,
    elapsedMinutes: elapsed / MINUTE_MS,
    remainingMinutes: remaining / MINUTE_MS,
    stoppedAt: stop === null ? null : new Date(stop).toISOString(),
    paused,
    met: applicable && stop !== null && !breached,
    breached,
    atRisk: applicable && stop === null && !breached && remaining < policy.atRiskFraction * targetMs,
    applicable,
  };
}

/**
 * Where the ticket stands against its SLA at `now`. The first-response clock
 * stops at the first response, or at resolution/closure if nobody ever
 * responded; the resolution clock stops when resolved, or when closed without
 * a resolve (a merged duplicate).
 */
export function slaState(ticket: SlaInput, policy: SlaPolicy, calendar: CalendarSpec, now: string): SlaState {
  const target = targetFor(policy, ticket.priority);
  const nowMs = Date.parse(now);
  const resolutionStop = ticket.resolvedAt ?? ticket.closedAt;
  const firstStop = ticket.firstRespondedAt ?? resolutionStop;
  return {
    priority: ticket.priority,
    firstResponse: clock(ticket, target.firstResponseMinutes, firstStop, policy, calendar, nowMs),
    resolution: clock(ticket, target.resolutionMinutes, resolutionStop, policy, calendar, nowMs),
  };
}
