import { err, ok, type Result } from '../result';
import type { CalendarSpec } from '../tickets/calendar';
import type { HistoryEvent } from '../tickets/history';
import type { WorkLogEntry } from '../tickets/worklog';
import type { Level } from '../tickets/enums';
import { occurrenceId, occurrenceRunId, occurrenceTicketId } from './ids';
import { addDays, afterCompletionDate, localDatesBetween, place, type Placed } from './recurrence';
import type {
  ActionItem,
  Change,
  MaintenanceWindow,
  OpsPriority,
  OutputJob,
  OutputRun,
  Review,
  ReviewStatus,
  RunItem,
  Schedule,
  TimelineEntry,
  VerificationItem,
} from './schemas';

const MINUTE = 60_000;

// ---------------------------------------------------------------------------
// What a schedule owes: the occurrences to create now

export interface DueOccurrence extends Placed {
  id: string;
  ticketId: string;
  runId: string;
}

/**
 * The occurrences of a schedule that should exist by `today` (the schedule's
 * local date): every rule date from `today` to `today + leadDays`, with its
 * derived ids. Dates already past are not created late (a laptop offline for
 * a month does not flood the desk with stale maintenance). For
 * after_completion schedules the one next date is computed from the last
 * completion instead, and only once the previous occurrence is completed
 * (`openOccurrence` false).
 */
export function dueOccurrences(
  s: Pick<Schedule, 'id' | 'rule' | 'mode' | 'afterDays' | 'leadDays' | 'timeZone' | 'shift' | 'active'>,
  today: string,
  calendar: CalendarSpec | null,
  state: { lastCompletedDate: string | null; openOccurrence: boolean } = { lastCompletedDate: null, openOccurrence: false },
): DueOccurrence[] {
  if (!s.active) return [];
  const horizon = addDays(today, s.leadDays);
  let dates: string[];
  if (s.mode === 'after_completion') {
    if (state.openOccurrence) return [];
    const next = afterCompletionDate(state.lastCompletedDate, s.afterDays, s.rule.start);
    dates = next <= horizon && (!s.rule.until || next <= s.rule.until) ? [next < today ? today : next] : [];
  } else {
    dates = localDatesBetween(s.rule, today, horizon);
  }
  return dates.map((date) => ({
    ...place(date, s.rule.time, s.timeZone, s.shift, calendar),
    id: occurrenceId(s.id, date),
    ticketId: occurrenceTicketId(s.id, date),
    runId: occurrenceRunId(s.id, date),
  }));
}

/** A template priority as the impact and urgency the ticket matrix turns back into it. */
export function levelsForPriority(p: OpsPriority): { impact: Level; urgency: Level } {
  switch (p) {
    case 'P1':
      return { impact: 'high', urgency: 'high' };
    case 'P2':
      return { impact: 'high', urgency: 'medium' };
    case 'P3':
      return { impact: 'medium', urgency: 'medium' };
    case 'P4':
      return { impact: 'low', urgency: 'low' };
  }
}

/** The checklist as a Markdown task list, appended to the ticket's description. */
export function checklistMarkdown(description: string, checklist: readonly { text: string }[]): string {
  if (checklist.length === 0) return description;
  const list = checklist.map((c) => `- [ ] ${c.text}`).join('\n');
  return description ? `${description}\n\n**Checklist**\n\n${list}` : `**Checklist**\n\n${list}`;
}

// ---------------------------------------------------------------------------
// Windows and freezes

export interface Interval {
  start: number;
  end: number;
}

/** A window's occurrences as instants, overlapping [from, to]. */
export function windowIntervals(w: Pick<MaintenanceWindow, 'rule' | 'timeZone' | 'durationMinutes'>, from: number, to: number): Interval[] {
  const pad = w.durationMinutes * MINUTE + 2 * 86_400_000;
  const fromDate = new Date(from - pad).toISOString().slice(0, 10);
  const toDate = new Date(to + 86_400_000).toISOString().slice(0, 10);
  const out: Interval[] = [];
  for (const date of localDatesBetween(w.rule, fromDate, toDate)) {
    const start = Date.parse(place(date, w.rule.time, w.timeZone, 'none', null).at);
    const end = start + w.durationMinutes * MINUTE;
    if (end > from && start < to) out.push({ start, end });
  }
  return out;
}

export interface PlanWarning {
  kind: 'outside_window' | 'in_freeze' | 'change_conflict';
  message: string;
  /** The window, freeze or change concerned. */
  recordId: string | null;
}

/**
 * Warnings for planned work on some systems from `start` to `end`: inside a
 * freeze of one of its systems; outside every window of a system that has
 * windows (a system with none has no constraint); overlapping another change
 * on a shared system (the collision rule: overlapping times *and* a shared system).
 */
export function planWarnings(
  plan: { start: number; end: number; systemIds: readonly string[]; changeId?: string },
  windows: readonly MaintenanceWindow[],
  changes: readonly Change[] = [],
  systemName: (id: string) => string = (id) => id,
): PlanWarning[] {
  const out: PlanWarning[] = [];
  const end = Math.max(plan.end, plan.start + 1);
  for (const systemId of plan.systemIds) {
    const mine = windows.filter((w) => w.deleted !== 1 && w.systemIds.includes(systemId));
    for (const f of mine.filter((w) => w.kind === 'freeze')) {
      if (windowIntervals(f, plan.start, end).length > 0) {
        out.push({ kind: 'in_freeze', message: `${systemName(systemId)}: planned during the freeze “${f.name}”`, recordId: f.id });
      }
    }
    const open = mine.filter((w) => w.kind === 'window');
    if (open.length > 0) {
      const inside = open.some((w) => windowIntervals(w, plan.start, end).some((i) => i.start <= plan.start && i.end >= end));
      if (!inside) out.push({ kind: 'outside_window', message: `${systemName(systemId)}: planned outside its maintenance windows (${open.map((w) => w.name).join(', ')})`, recordId: open[0]!.id });
    }
  }
  for (const c of changes) {
    if (c.deleted === 1 || c.id === plan.changeId || !c.plannedStart || c.status === 'cancelled') continue;
    const cs = Date.parse(c.plannedStart);
    const ce = c.plannedEnd ? Date.parse(c.plannedEnd) : cs + 1;
    const shared = c.systemIds.filter((id) => plan.systemIds.includes(id));
    if (shared.length > 0 && cs < end && ce > plan.start) {
      out.push({ kind: 'change_conflict', message: `Overlaps the change “${c.title}” on ${shared.map(systemName).join(', ')}`, recordId: c.id });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Output verification

/** A run item's result from its control total; yes/no checks keep what the person chose. */
export function evaluateItem(item: RunItem): RunItem {
  if (item.kind === 'check') return item;
  if (item.actual === null) return { ...item, result: item.result === 'na' ? 'na' : 'pending' };
  if (item.kind === 'not_blank') return { ...item, result: item.actual > 0 ? 'pass' : 'fail' };
  if (item.expected === null) return { ...item, result: item.result === 'pending' ? 'pass' : item.result };
  return { ...item, result: Math.abs(item.actual - item.expected) < 1e-9 ? 'pass' : 'fail' };
}

export function runItemsFrom(checklist: readonly VerificationItem[]): RunItem[] {
  return checklist.map((c) => ({ ...c, actual: null, result: 'pending' as const, note: '' }));
}

/** Critical items that stop distribution: not passed (a failed, pending or n/a critical item). */
export function blockingItems(run: Pick<OutputRun, 'items'>): RunItem[] {
  return run.items.filter((i) => i.critical && i.result !== 'pass');
}

/**
 * May the run be marked distributed? Every critical item must pass, or the
 * run carries an override with a reason (recorded with who and when). A
 * non-critical failure warns but does not stop it.
 */
export function distributionGate(run: Pick<OutputRun, 'items' | 'override' | 'receivedAt' | 'status'>): Result<{ warnings: string[] }> {
  if (run.status === 'distributed') return err('conflict', 'This run has already been distributed.');
  if (!run.receivedAt) return err('conflict', 'The output has not been received yet.');
  const blocking = blockingItems(run);
  if (blocking.length > 0 && !(run.override && run.override.reason.trim())) {
    return err('conflict', `Critical checks have not passed: ${blocking.map((i) => i.label).join(', ')}. Correct them, or override with a reason.`);
  }
  const warnings = run.items.filter((i) => !i.critical && i.result === 'fail').map((i) => `${i.label} failed`);
  if (blocking.length > 0) warnings.unshift(`Distributed with an override: ${run.override!.reason}`);
  return ok({ warnings });
}

/** The run's status after its checks: failed while any item failed, verified when all are done, else received. */
export function statusAfterChecks(run: Pick<OutputRun, 'items' | 'status' | 'receivedAt'>): OutputRun['status'] {
  if (run.status === 'distributed') return 'distributed';
  if (!run.receivedAt) return 'waiting';
  if (run.items.some((i) => i.result === 'fail')) return 'failed';
  if (run.items.every((i) => i.result !== 'pending')) return 'verified';
  return 'received';
}

/**
 * The runs that failed verification whose notice is the user's: runs of jobs
 * whose team counts the user among its members. A job without a team, or with
 * a team that has no members (or is gone), notifies everyone, so a failure is
 * never seen by nobody. Oldest expected first.
 */
export function failedRunsForMe<R extends Pick<OutputRun, 'jobId' | 'status' | 'deleted' | 'expectedAt'>>(
  runs: readonly R[],
  jobs: readonly Pick<OutputJob, 'id' | 'teamId' | 'deleted'>[],
  teams: readonly { id: string; memberIds: readonly string[]; deleted?: number }[],
  myIds: readonly string[],
): R[] {
  const jobTeam = new Map(jobs.map((j) => [j.id, j.teamId]));
  const members = new Map(teams.filter((t) => t.deleted !== 1).map((t) => [t.id, t.memberIds]));
  const mine = new Set(myIds);
  return runs
    .filter((r) => {
      if (r.deleted === 1 || r.status !== 'failed') return false;
      const teamId = jobTeam.get(r.jobId) ?? null;
      const list = teamId ? members.get(teamId) : undefined;
      return !list || list.length === 0 || list.some((id) => mine.has(id));
    })
    .sort((a, b) => (a.expectedAt < b.expectedAt ? -1 : a.expectedAt > b.expectedAt ? 1 : 0));
}

export type RunView = 'today' | 'week' | 'late' | 'failed';

/** Late: expected time passed and not yet received (or received but not distributed a day after). */
export function isLate(run: Pick<OutputRun, 'expectedAt' | 'receivedAt' | 'status'>, nowMs: number): boolean {
  if (run.status === 'distributed') return false;
  const expected = Date.parse(run.expectedAt);
  return run.receivedAt ? nowMs > expected + 86_400_000 : nowMs > expected;
}

// ---------------------------------------------------------------------------
// Reviews

/** Problems that stop a review from moving to `to`; empty when it may. */
export function reviewTransitionProblems(review: Pick<Review, 'status' | 'ownerId' | 'summary'>, to: ReviewStatus, actions: readonly Pick<ActionItem, 'title' | 'ownerId' | 'deleted'>[]): string[] {
  const problems: string[] = [];
  if (to === 'final') {
    if (!review.ownerId) problems.push('The review needs an owner.');
    if (!review.summary.trim()) problems.push('The review needs a summary.');
    for (const a of actions) if (a.deleted !== 1 && !a.ownerId) problems.push(`The action “${a.title}” has no owner.`);
  }
  if (review.status === 'final' && to !== 'final') {
    // Reopening is allowed: a final review that turns out wrong goes back to review.
  }
  return problems;
}

/** Open action items past their due date (the local date today), oldest first. */
export function overdueActions<T extends Pick<ActionItem, 'due' | 'status' | 'deleted'>>(actions: readonly T[], today: string): T[] {
  return actions.filter((a) => a.deleted !== 1 && a.status === 'open' && a.due !== null && a.due < today).sort((a, b) => (a.due! < b.due! ? -1 : a.due! > b.due! ? 1 : 0));
}

// ---------------------------------------------------------------------------
// Timeline builder

export interface TimelineCandidate {
  /** `h:<history id>` or `w:<work-log id>`: stable, so a picked entry is recognised again. */
  key: string;
  at: string;
  text: string;
  source: 'history' | 'worklog';
  sourceId: string;
  ticketId: string;
}

export interface TimelineNames {
  person: (id: string) => string;
  ticket: (id: string) => string;
}

const FIELD_WORDS: Record<string, string> = {
  status: 'status',
  priority: 'priority',
  assigneeId: 'assignee',
  teamId: 'team',
  escalationLevel: 'escalation level',
  title: 'title',
  impact: 'impact',
  urgency: 'urgency',
};

function valueText(field: string, v: unknown, names: TimelineNames): string {
  if (v === null || v === undefined || v === '') return 'none';
  if ((field === 'assigneeId' || field === 'requesterId') && typeof v === 'string') return names.person(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v).replace(/_/g, ' ');
  if (typeof v === 'object' && v && 'code' in v) return String((v as { code: unknown }).code).replace(/_/g, ' ');
  return 'changed';
}

function historyText(e: HistoryEvent, names: TimelineNames): string | null {
  const who = names.person(e.by);
  const ticket = names.ticket(e.ticketId);
  if (e.field === 'created') return `${ticket} opened by ${who}`;
  if (e.field === 'resolution') return `${ticket} resolution recorded by ${who}`;
  const word = FIELD_WORDS[e.field];
  if (!word) return null; // words, sort keys and other internal fields are not events a review cares about
  return `${ticket} ${word} ${valueText(e.field, e.old, names)} → ${valueText(e.field, e.new, names)} (${who})`;
}

/**
 * Every event of the incidents a review may pick for its timeline: history
 * events that say something (opened, status, priority, assignee, team,
 * escalation, resolution) and work-log entries, in time order.
 */
export function timelineCandidates(history: readonly HistoryEvent[], workLog: readonly WorkLogEntry[], names: TimelineNames): TimelineCandidate[] {
  const out: TimelineCandidate[] = [];
  for (const e of history) {
    if (e.deleted === 1) continue;
    const text = historyText(e, names);
    if (text) out.push({ key: `h:${e.id}`, at: e.at, text, source: 'history', sourceId: e.id, ticketId: e.ticketId });
  }
  for (const w of workLog) {
    if (w.deleted === 1) continue;
    const body = w.body.length > 600 ? `${w.body.slice(0, 597)}…` : w.body;
    out.push({ key: `w:${w.id}`, at: w.at, text: `${names.person(w.authorId)} (${w.kind.replace(/_/g, ' ')}): ${body}`, source: 'worklog', sourceId: w.id, ticketId: w.ticketId });
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : 1));
}

/**
 * Add picked candidates to a timeline: each becomes an entry with the
 * candidate's time and text (editable afterwards), keyed by its source so
 * picking the same event twice adds it once. Entries stay in time order;
 * entries already there (edited or typed by hand) are kept as they are.
 */
export function pickIntoTimeline(timeline: readonly TimelineEntry[], picked: readonly TimelineCandidate[]): TimelineEntry[] {
  const have = new Set(timeline.map((e) => e.sourceId).filter(Boolean));
  const added: TimelineEntry[] = picked
    .filter((c) => !have.has(c.sourceId))
    .map((c) => ({ id: c.key, at: c.at, text: c.text, source: c.source, sourceId: c.sourceId, ticketId: c.ticketId }));
  return sortTimeline([...timeline, ...added]);
}

export function sortTimeline(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return [...entries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
