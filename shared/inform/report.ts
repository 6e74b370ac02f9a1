import { z } from 'zod';
import { dayOfIsoDate, isoDateOfDay, localDayOf, localToUtc, weekdayOfDay } from '../tickets/calendar';
import { isActive, LABELS, PRIORITIES, type Priority } from '../tickets/enums';
import type { Ticket } from '../tickets/schema';
import { fold } from '../tickets/search';
import { IdSchema, SyncedRecordFields, trimmed } from '../training/common';
import { RecurrenceSchema } from '../operations/recurrence';

/**
 * Status reports for an agency, a site, a requester or a team over a period,
 * assembled by one pure function from what the device holds (tickets, the
 * last contact per ticket, training held), so the preview, the PDF and the
 * XLSX all show the same figures and the report works offline.
 */

export const REPORT_SCOPES = ['agency', 'site', 'requester', 'team'] as const;
export type ReportScope = (typeof REPORT_SCOPES)[number];
export const REPORT_SECTIONS = ['open', 'resolved', 'counts', 'training', 'waiting'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
export const PERIOD_KINDS = ['lastWeek', 'lastMonth', 'last30', 'thisMonth', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const date = z.iso.date({ message: 'Use a date such as 2026-03-01' });

/** A saved report definition: whom it is about, which period, which sections. Runs again in one action. */
const DefinitionFields = z.object({
    name: trimmed(120).min(1, 'Give the report a name'),
    scope: z.enum(REPORT_SCOPES),
    scopeId: IdSchema,
    period: z.enum(PERIOD_KINDS).default('lastMonth'),
    /** Only for a custom period. */
    from: date.nullable().default(null),
    to: date.nullable().default(null),
    sections: z.array(z.enum(REPORT_SECTIONS)).min(1, 'Pick at least one section').default([...REPORT_SECTIONS]),
    paper: z.enum(['letter', 'a4']).default('letter'),
    /** Addresses the mail draft is made out to (besides nobody: the person adds them in their mail program). */
    recipients: z.array(z.string().trim().max(254).pipe(z.email('Not a valid e-mail address'))).max(20, 'At most 20 recipients').default([]),
    /** When it is due again ("every Monday"), by the operations schedule engine's rules; null: on demand. */
    repeat: RecurrenceSchema.nullable().default(null),
});
const customPeriodOk = (d: { period: PeriodKind; from: string | null; to: string | null }) => d.period !== 'custom' || (d.from !== null && d.to !== null && d.from <= d.to);
export const ReportDefinitionInputSchema = DefinitionFields.refine(customPeriodOk, { message: 'A custom period needs a start on or before its end', path: ['to'] });
export type ReportDefinitionInput = z.input<typeof ReportDefinitionInputSchema>;

export const ReportDefinitionSchema = DefinitionFields.extend({
  ownerId: IdSchema,
  lastRunAt: z.iso.datetime().nullable().default(null),
  ...SyncedRecordFields,
}).refine(customPeriodOk, { message: 'A custom period needs a start on or before its end', path: ['to'] });
export type ReportDefinition = z.output<typeof ReportDefinitionSchema>;

export interface Period {
  from: string;
  to: string;
}

/** The dates a period kind covers on `today` (YYYY-MM-DD): weeks start on Monday; both ends included. */
export function periodDates(kind: PeriodKind, today: string, custom?: { from: string | null; to: string | null }): Period {
  const t = dayOfIsoDate(today);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const firstOf = (yy: number, mm: number) => `${yy}-${String(mm).padStart(2, '0')}-01`;
  switch (kind) {
    case 'lastWeek': {
      const monday = t - ((weekdayOfDay(t) + 6) % 7);
      return { from: isoDateOfDay(monday - 7), to: isoDateOfDay(monday - 1) };
    }
    case 'lastMonth': {
      const start = m === 1 ? firstOf(y - 1, 12) : firstOf(y, m - 1);
      return { from: start, to: isoDateOfDay(dayOfIsoDate(firstOf(y, m)) - 1) };
    }
    case 'thisMonth':
      return { from: firstOf(y, m), to: today };
    case 'last30':
      return { from: isoDateOfDay(t - 29), to: today };
    case 'custom':
      return { from: custom?.from ?? today, to: custom?.to ?? today };
  }
}

export type SlaLabel = 'breached' | 'at risk' | 'on track' | 'paused' | 'no SLA';

export type ReportTicket = Pick<Ticket, 'id' | 'number' | 'title' | 'status' | 'pendingReason' | 'priority' | 'createdAt' | 'resolvedAt' | 'closedAt' | 'resolution' | 'resolutionDue' | 'siteId' | 'teamId' | 'requesterId' | 'assigneeId' | 'mergedInto' | 'deleted'>;

export interface TrainingHeld {
  sessionId: string;
  title: string;
  /** Local start, YYYY-MM-DDTHH:mm. */
  startLocal: string;
  status: 'scheduled' | 'completed' | 'cancelled';
  /** Agencies (ids) of those who attended or registered, and the count. */
  agencyIds: readonly string[];
  siteIds?: readonly string[];
  attendees: number;
}

export interface StatusReportInput {
  scope: ReportScope;
  scopeId: string;
  period: Period;
  /** The zone the period's dates are in (the desk's business calendar). */
  timeZone: string;
  now: string;
  tickets: Iterable<ReportTicket>;
  /** Site → agency, to scope by agency. */
  siteAgency: ReadonlyMap<string, string>;
  lastContact: ReadonlyMap<string, string>;
  /** The SLA state of an open ticket, from its policy and calendar (pure; null when it has none). */
  sla?: (t: ReportTicket) => SlaLabel;
  training?: readonly TrainingHeld[];
  names?: { people?: ReadonlyMap<string, string>; sites?: ReadonlyMap<string, string> };
}

export interface OpenRow {
  id: string;
  number: string;
  title: string;
  status: string;
  priority: Priority;
  opened: string;
  ageDays: number;
  sla: SlaLabel;
  lastUpdate: string | null;
  requester: string;
  assignee: string;
  site: string;
}

export interface ResolvedRow {
  id: string;
  number: string;
  title: string;
  priority: Priority;
  opened: string;
  resolved: string;
  resolution: string;
  resolutionCode: string;
}

export interface TrendBucket {
  /** First day of the bucket (a week from Monday, or a day for periods of two weeks or less). */
  start: string;
  opened: number;
  resolved: number;
  breached: number;
}

export interface StatusReport {
  scope: ReportScope;
  scopeId: string;
  period: Period;
  generatedAt: string;
  open: OpenRow[];
  resolved: ResolvedRow[];
  counts: { open: number; opened: number; resolved: number; breached: number; waiting: number; byPriority: Record<Priority, number> };
  trend: TrendBucket[];
  training: (TrainingHeld & { date: string })[];
  waiting: OpenRow[];
}

const DAY_MS = 86_400_000;

function inScope(t: ReportTicket, input: StatusReportInput): boolean {
  switch (input.scope) {
    case 'agency':
      return t.siteId !== null && input.siteAgency.get(t.siteId) === input.scopeId;
    case 'site':
      return t.siteId === input.scopeId;
    case 'requester':
      return t.requesterId === input.scopeId;
    case 'team':
      return t.teamId === input.scopeId;
  }
}

const PRIORITY_RANK = (p: Priority) => PRIORITIES.indexOf(p);

/** Assembles the report. Tickets are walked once; rows are sorted (open: priority, then oldest). */
export function assembleStatusReport(input: StatusReportInput): StatusReport {
  const tz = input.timeZone;
  const fromDay = dayOfIsoDate(input.period.from);
  const toDay = dayOfIsoDate(input.period.to);
  const startMs = localToUtc(tz, fromDay, 0);
  const endMs = localToUtc(tz, toDay + 1, 0);
  const nowMs = Date.parse(input.now);
  const daily = toDay - fromDay < 14;
  const bucketOf = (ms: number): number => {
    const d = localDayOf(tz, ms);
    return daily ? d : d - ((weekdayOfDay(d) + 6) % 7);
  };
  const buckets = new Map<number, TrendBucket>();
  const firstBucket = daily ? fromDay : fromDay - ((weekdayOfDay(fromDay) + 6) % 7);
  for (let d = firstBucket; d <= toDay; d += daily ? 1 : 7) buckets.set(d, { start: isoDateOfDay(Math.max(d, fromDay)), opened: 0, resolved: 0, breached: 0 });
  const bump = (ms: number, k: 'opened' | 'resolved' | 'breached') => {
    const b = buckets.get(bucketOf(ms));
    if (b) b[k]++;
  };
  const people = input.names?.people;
  const sites = input.names?.sites;
  const open: OpenRow[] = [];
  const resolved: ResolvedRow[] = [];
  const byPriority = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  let opened = 0;
  let resolvedN = 0;
  let breached = 0;
  for (const t of input.tickets) {
    if (t.deleted === 1 || t.mergedInto || !inScope(t, input)) continue;
    const created = Date.parse(t.createdAt);
    if (created >= startMs && created < endMs) {
      opened++;
      bump(created, 'opened');
    }
    const doneIso = t.resolvedAt ?? (t.status === 'closed' ? t.closedAt : null);
    const doneMs = doneIso === null ? null : Date.parse(doneIso);
    if (doneMs !== null && doneMs >= startMs && doneMs < endMs && (t.status === 'resolved' || t.status === 'closed')) {
      resolvedN++;
      bump(doneMs, 'resolved');
      resolved.push({
        id: t.id,
        number: t.number,
        title: t.title,
        priority: t.priority,
        opened: t.createdAt,
        resolved: doneIso!,
        resolution: t.resolution?.text ?? '',
        resolutionCode: t.resolution?.code ?? '',
      });
    }
    // Breached in the period: the resolution due time passed in the period before the ticket was resolved.
    if (t.resolutionDue !== null && t.status !== 'cancelled') {
      const due = Date.parse(t.resolutionDue);
      const stop = doneMs ?? nowMs;
      if (due >= startMs && due < endMs && due < stop && due <= nowMs) {
        breached++;
        bump(due, 'breached');
      }
    }
    if (isActive(t.status)) {
      byPriority[t.priority]++;
      open.push({
        id: t.id,
        number: t.number,
        title: t.title,
        status: t.status === 'pending' && t.pendingReason ? `${LABELS.status.pending}: ${LABELS.pendingReason[t.pendingReason]}` : LABELS.status[t.status],
        priority: t.priority,
        opened: t.createdAt,
        ageDays: Math.max(0, Math.floor((nowMs - created) / DAY_MS)),
        sla: input.sla ? input.sla(t) : 'no SLA',
        lastUpdate: input.lastContact.get(t.id) ?? null,
        requester: people?.get(t.requesterId) ?? '',
        assignee: t.assigneeId ? (people?.get(t.assigneeId) ?? '') : '',
        site: t.siteId ? (sites?.get(t.siteId) ?? '') : '',
      });
    }
  }
  open.sort((a, b) => PRIORITY_RANK(a.priority) - PRIORITY_RANK(b.priority) || (a.opened < b.opened ? -1 : a.opened > b.opened ? 1 : 0) || a.number.localeCompare(b.number));
  resolved.sort((a, b) => (a.resolved < b.resolved ? -1 : a.resolved > b.resolved ? 1 : a.number.localeCompare(b.number)));
  const waitingIds = new Set<string>();
  const waiting = open.filter((r) => r.status.endsWith(LABELS.pendingReason.waiting_on_requester) && (waitingIds.add(r.id), true));
  const training = (input.training ?? [])
    .filter((s) => s.status !== 'cancelled')
    .filter((s) => {
      const day = s.startLocal.slice(0, 10);
      return day >= input.period.from && day <= input.period.to;
    })
    .filter((s) => (input.scope === 'agency' ? s.agencyIds.includes(input.scopeId) : input.scope === 'site' ? (s.siteIds ?? []).includes(input.scopeId) : false))
    .map((s) => ({ ...s, date: s.startLocal.slice(0, 10) }))
    .sort((a, b) => a.startLocal.localeCompare(b.startLocal));
  return {
    scope: input.scope,
    scopeId: input.scopeId,
    period: input.period,
    generatedAt: input.now,
    open,
    resolved,
    counts: { open: open.length, opened, resolved: resolvedN, breached, waiting: waiting.length, byPriority },
    trend: [...buckets.entries()].sort(([a], [b]) => a - b).map(([, b]) => b),
    training,
    waiting,
  };
}

/** Folded agency names, to match training attendees recorded by name (walk-ins) to an agency. */
export const sameName = (a: string, b: string): boolean => fold(a.trim()) === fold(b.trim());
