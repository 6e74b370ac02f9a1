import { describe, expect, it } from 'vitest';
import {
  failedRunsForMe,
  blockingItems,
  checklistMarkdown,
  distributionGate,
  evaluateItem,
  isLate,
  overdueActions,
  pickIntoTimeline,
  planWarnings,
  reviewTransitionProblems,
  runItemsFrom,
  statusAfterChecks,
  timelineCandidates,
  windowIntervals,
  levelsForPriority,
} from '../../../../shared/operations/rules';
import { ChangeSchema, MaintenanceWindowSchema, OutputRunSchema, ScheduleInputSchema, type OutputRun, type RunItem } from '../../../../shared/operations/schemas';
import { OPERATIONS_SYNC_TABLES } from '../../../../shared/operations/sync-tables';
import { SYNC_TABLES } from '../../../../shared/sync/tables';
import type { HistoryEvent } from '../../../../shared/tickets/history';
import type { WorkLogEntry } from '../../../../shared/tickets/worklog';
import { priorityFor } from '../../../../shared/tickets/priority';

const AT = '2026-01-13T15:00:00.000Z';
const meta = { createdAt: AT, updatedAt: AT, stamps: {}, deleted: 0 as const };

const window = (over: Record<string, unknown>) =>
  MaintenanceWindowSchema.parse({ id: 'w1', kind: 'window', name: 'Sunday night', systemIds: ['cms'], timeZone: 'America/Los_Angeles', rule: { freq: 'weekly', weekdays: ['sun'], start: '2026-01-04', time: '22:00' }, durationMinutes: 240, ...meta, ...over });

describe('windows and freezes', () => {
  it('a weekly window expands to instants in its zone', () => {
    const w = window({});
    const list = windowIntervals(w, Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-01-20T00:00:00Z'));
    expect(list.map((i) => new Date(i.start).toISOString())).toEqual(['2026-01-05T06:00:00.000Z', '2026-01-12T06:00:00.000Z', '2026-01-19T06:00:00.000Z']);
    expect(list[0]!.end - list[0]!.start).toBe(240 * 60_000);
  });

  it('work inside the window is fine; outside it warns; other systems are unaffected', () => {
    const w = window({});
    const inside = { start: Date.parse('2026-01-12T07:00:00Z'), end: Date.parse('2026-01-12T08:00:00Z'), systemIds: ['cms'] };
    expect(planWarnings(inside, [w])).toEqual([]);
    const outside = { ...inside, start: Date.parse('2026-01-13T18:00:00Z'), end: Date.parse('2026-01-13T19:00:00Z') };
    expect(planWarnings(outside, [w]).map((x) => x.kind)).toEqual(['outside_window']);
    expect(planWarnings({ ...outside, systemIds: ['payroll'] }, [w])).toEqual([]);
  });

  it('a freeze on the same system warns, a one-off freeze too', () => {
    const freeze = window({ id: 'f1', kind: 'freeze', name: 'Year end', rule: { freq: 'once', start: '2026-12-20', time: '00:00' }, durationMinutes: 14 * 24 * 60 });
    const plan = { start: Date.parse('2026-12-28T18:00:00Z'), end: Date.parse('2026-12-28T19:00:00Z'), systemIds: ['cms'] };
    const w = planWarnings(plan, [freeze]);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ kind: 'in_freeze', recordId: 'f1' });
    expect(planWarnings({ ...plan, start: Date.parse('2027-01-05T18:00:00Z'), end: Date.parse('2027-01-05T19:00:00Z') }, [freeze])).toEqual([]);
  });

  it('two changes collide only with overlapping times and a shared system', () => {
    const other = ChangeSchema.parse({ id: 'c2', title: 'Patch CMS', systemIds: ['cms', 'efile'], plannedStart: '2026-01-12T07:00:00Z', plannedEnd: '2026-01-12T09:00:00Z', ...meta });
    const plan = { start: Date.parse('2026-01-12T08:00:00Z'), end: Date.parse('2026-01-12T10:00:00Z'), systemIds: ['efile'], changeId: 'c1' };
    expect(planWarnings(plan, [], [other]).map((x) => x.kind)).toEqual(['change_conflict']);
    expect(planWarnings({ ...plan, systemIds: ['payroll'] }, [], [other])).toEqual([]);
    expect(planWarnings({ ...plan, start: Date.parse('2026-01-12T09:00:00Z') }, [], [other])).toEqual([]);
    expect(planWarnings({ ...plan, changeId: 'c2' }, [], [other])).toEqual([]);
  });
});

describe('verification gating', () => {
  const items = runItemsFrom([
    { id: 'n', label: 'Record count', kind: 'count', expected: 1200, critical: true },
    { id: 'p', label: 'Pages', kind: 'pages', expected: null, critical: false },
    { id: 'b', label: 'Not blank', kind: 'not_blank', expected: null, critical: true },
    { id: 'c', label: 'Headers look right', kind: 'check', expected: null, critical: false },
  ]);
  const run = (over: Partial<OutputRun> = {}): OutputRun =>
    OutputRunSchema.parse({ id: 'r', jobId: 'j', date: '2026-01-13', expectedAt: AT, receivedAt: AT, items, ...meta, ...over }) as OutputRun;
  const set = (list: RunItem[], id: string, actual: number | null, result?: RunItem['result']) => list.map((i) => (i.id === id ? evaluateItem({ ...i, actual, ...(result ? { result } : {}) }) : i));

  it('control totals pass when actual equals expected, and fail otherwise', () => {
    expect(evaluateItem({ ...items[0]!, actual: 1200 }).result).toBe('pass');
    expect(evaluateItem({ ...items[0]!, actual: 1199 }).result).toBe('fail');
    expect(evaluateItem({ ...items[2]!, actual: 0 }).result).toBe('fail');
    expect(evaluateItem({ ...items[1]!, actual: 14 }).result).toBe('pass');
  });

  it('a failed critical check stops distribution; correcting it lets the run go', () => {
    let list = set(items, 'n', 1150);
    list = set(list, 'b', 3);
    const failed = run({ items: list });
    expect(statusAfterChecks(failed)).toBe('failed');
    expect(blockingItems(failed).map((i) => i.id)).toEqual(['n']);
    const gate = distributionGate(failed);
    expect(gate.ok).toBe(false);
    if (!gate.ok) expect(gate.error.message).toContain('Record count');
    const corrected = run({ items: set(set(list, 'n', 1200), 'c', null, 'pass').map((i) => (i.id === 'p' ? { ...i, result: 'na' as const } : i)) });
    expect(statusAfterChecks(corrected)).toBe('verified');
    expect(distributionGate(corrected)).toEqual({ ok: true, value: { warnings: [] } });
  });

  it('a pending critical check blocks too; an override with a reason lets it through and says so', () => {
    const pending = run();
    expect(distributionGate(pending).ok).toBe(false);
    const overridden = run({ override: { reason: 'Vendor confirmed the short count', by: 'p1', at: AT } });
    const gate = distributionGate(overridden);
    expect(gate.ok && gate.value.warnings[0]).toContain('Vendor confirmed');
  });

  it('nothing is distributed before it is received, or twice', () => {
    expect(distributionGate(run({ receivedAt: null })).ok).toBe(false);
    expect(distributionGate(run({ status: 'distributed' })).ok).toBe(false);
  });

  it('the server refuses a distributed run that did not pass the gate', () => {
    const rule = OPERATIONS_SYNC_TABLES.outputRuns.rule;
    const ctx = (after: OutputRun) => ({ user: { id: 'u', role: 'technician' as const, personId: 'p' }, table: 'outputRuns', id: 'r', before: null, after: { ...after, status: 'distributed' }, changed: ['status'] });
    expect(rule.check(ctx(run({ items: set(items, 'n', 1) })))).toMatch(/Critical checks/);
    expect(rule.check(ctx(run({ override: { reason: 'ok by the clerk', by: 'p', at: AT } })))).toBeNull();
  });

  it('late: expected time passed and not received', () => {
    const r = run({ receivedAt: null, expectedAt: '2026-01-13T15:00:00.000Z' });
    expect(isLate(r, Date.parse('2026-01-13T14:00:00Z'))).toBe(false);
    expect(isLate(r, Date.parse('2026-01-13T16:00:00Z'))).toBe(true);
    expect(isLate({ ...r, status: 'distributed' }, Date.parse('2026-01-20T16:00:00Z'))).toBe(false);
  });
});

describe('reviews', () => {
  const review = { status: 'in_review' as const, ownerId: 'p1', summary: 'CMS down for 2 hours' };
  it('cannot be final while an action has no owner', () => {
    const actions = [
      { title: 'Add a disk alert', ownerId: 'p2', deleted: 0 as const },
      { title: 'Write the runbook', ownerId: null, deleted: 0 as const },
    ];
    expect(reviewTransitionProblems(review, 'final', actions)).toEqual(['The action “Write the runbook” has no owner.']);
    expect(reviewTransitionProblems(review, 'final', [actions[0]!])).toEqual([]);
    expect(reviewTransitionProblems({ ...review, ownerId: null }, 'final', [])).toContain('The review needs an owner.');
    expect(reviewTransitionProblems(review, 'in_review', actions)).toEqual([]);
  });

  it('overdue actions are the open ones past due, oldest first', () => {
    const list = [
      { id: 'a', due: '2026-01-10', status: 'open' as const, deleted: 0 as const },
      { id: 'b', due: '2026-01-05', status: 'open' as const, deleted: 0 as const },
      { id: 'c', due: '2026-01-05', status: 'done' as const, deleted: 0 as const },
      { id: 'd', due: null, status: 'open' as const, deleted: 0 as const },
      { id: 'e', due: '2026-01-20', status: 'open' as const, deleted: 0 as const },
    ];
    expect(overdueActions(list, '2026-01-13').map((a) => a.id)).toEqual(['b', 'a']);
  });

  it('the timeline is built from history and work log, picked once, in time order', () => {
    const h = (id: string, field: string, old: unknown, nu: unknown, at: string): HistoryEvent => ({ id, ticketId: 't1', field, old: old as never, new: nu as never, by: 'p1', device: 'd', at, stamps: {}, deleted: 0 as const });
    const history = [h('h1', 'created', null, null, '2026-01-13T15:00:00.000Z'), h('h2', 'status', 'new', 'open', '2026-01-13T15:05:00.000Z'), h('h3', 'words', [], ['x'], '2026-01-13T15:05:00.000Z'), h('h4', 'assigneeId', null, 'p2', '2026-01-13T15:02:00.000Z')];
    const work: WorkLogEntry[] = [{ id: 'w1', ticketId: 't1', kind: 'phone_call', authorId: 'p2', at: '2026-01-13T15:10:00.000Z', minutes: 5, body: 'Restarted the app server', createdAt: AT, copiedFrom: null, stamps: {}, deleted: 0 as const }];
    const names = { person: (id: string) => ({ p1: 'Ana Ruiz', p2: 'Ben Cho' })[id] ?? id, ticket: () => 'CRT-00042' };
    const c = timelineCandidates(history, work, names);
    expect(c.map((x) => x.text)).toEqual([
      'CRT-00042 opened by Ana Ruiz',
      'CRT-00042 assignee none → Ben Cho (Ana Ruiz)',
      'CRT-00042 status new → open (Ana Ruiz)',
      'Ben Cho (phone call): Restarted the app server',
    ]);
    const once = pickIntoTimeline([], [c[3]!, c[0]!]);
    expect(once.map((e) => e.sourceId)).toEqual(['h1', 'w1']);
    const edited = once.map((e) => (e.sourceId === 'w1' ? { ...e, text: 'App server restarted (fixed)' } : e));
    const twice = pickIntoTimeline(edited, [c[3]!, c[2]!]);
    expect(twice.map((e) => e.text)).toEqual(['CRT-00042 opened by Ana Ruiz', 'CRT-00042 status new → open (Ana Ruiz)', 'App server restarted (fixed)']);
  });

  it('a final review without an owner is refused by the server rule', () => {
    const check = OPERATIONS_SYNC_TABLES.reviews.rule.check;
    const ctx = (after: Record<string, unknown>) => ({ user: { id: 'u', role: 'technician' as const, personId: 'p' }, table: 'reviews', id: 'r', before: null, after, changed: ['status'] });
    expect(check(ctx({ status: 'final', ownerId: null }))).toMatch(/owner/);
    expect(check(ctx({ status: 'final', ownerId: 'p' }))).toBeNull();
  });

  it('a review made final is refused by the server rule while one of its action items (read by the rule) has no owner', () => {
    const rule = OPERATIONS_SYNC_TABLES.reviews.rule;
    expect(rule.reads({ status: 'final' }, 'r')).toEqual([{ table: 'actionItems', field: 'reviewId', equals: 'r' }]);
    expect(rule.reads({ status: 'draft' }, 'r')).toEqual([]);
    const actions: Record<string, unknown>[] = [
      { id: 'a1', title: 'Add monitoring', ownerId: null, reviewId: 'r' },
      { id: 'a2', title: 'Old idea', ownerId: null, reviewId: 'r', deleted: 1 },
      { id: 'a3', title: 'Write runbook', ownerId: 'p', reviewId: 'r' },
    ];
    const asked: string[] = [];
    const ctx = (before: Record<string, unknown> | null, after: Record<string, unknown>, changed: string[], list = actions) => ({
      user: { id: 'u', role: 'technician' as const, personId: 'p' },
      table: 'reviews',
      id: 'r',
      before,
      after,
      changed,
      relatedBy: (table: string, field: string, value: string) => {
        asked.push(`${table}.${field}=${value}`);
        return list;
      },
    });
    expect(rule.check(ctx({ status: 'in_review', ownerId: 'p' }, { status: 'final', ownerId: 'p' }, ['status']))).toBe(
      'A review cannot be final while an action item has no owner: “Add monitoring” has none. Give each action an owner first.',
    );
    expect(asked).toEqual(['actionItems.reviewId=r']);
    // A new final review, and a final review restored, are judged the same way.
    expect(rule.check(ctx(null, { status: 'final', ownerId: 'p' }, ['status', 'ownerId']))).toMatch(/Add monitoring/);
    expect(rule.check(ctx({ status: 'final', ownerId: 'p', deleted: 1 }, { status: 'final', ownerId: 'p', deleted: 0 as const }, ['deleted']))).toMatch(/Add monitoring/);
    // Once every live action is owned it may go final; an edit of a review already final is not judged on its actions again.
    expect(rule.check(ctx({ status: 'in_review', ownerId: 'p' }, { status: 'final', ownerId: 'p' }, ['status'], actions.slice(1)))).toBeNull();
    expect(rule.check(ctx({ status: 'final', ownerId: 'p' }, { status: 'final', ownerId: 'p', summary: 'x' }, ['summary']))).toBeNull();
    const many = ['A', 'B', 'C', 'D', 'E'].map((t) => ({ id: t, title: t, ownerId: null }));
    expect(rule.check(ctx(null, { status: 'final', ownerId: 'p' }, ['status'], many))).toBe('A review cannot be final while an action item has no owner: “A”, “B”, “C” and 2 more have none. Give each action an owner first.');
  });

  it('an action item of a final review (read by the rule) cannot lose its owner', () => {
    const rule = OPERATIONS_SYNC_TABLES.actionItems.rule;
    const reviews: Record<string, Record<string, unknown>> = { fin: { status: 'final', ownerId: 'p' }, dr: { status: 'draft' } };
    const ctx = (after: Record<string, unknown>) => ({ user: { id: 'u', role: 'technician' as const, personId: 'p' }, table: 'actionItems', id: 'a', before: null, after, changed: ['ownerId'], related: (_t: string, id: string) => reviews[id] ?? null });
    expect(rule.reads({ reviewId: 'fin' })).toEqual([{ table: 'reviews', id: 'fin' }]);
    expect(rule.check(ctx({ reviewId: 'fin', ownerId: null }))).toBe('An action of a final review needs an owner');
    expect(rule.check(ctx({ reviewId: 'fin', ownerId: null, deleted: 1 }))).toBeNull();
    expect(rule.check(ctx({ reviewId: 'dr', ownerId: null }))).toBeNull();
    expect(rule.check(ctx({ reviewId: 'fin', ownerId: 'p' }))).toBeNull();
  });
});

describe('schedules and sync tables', () => {
  it('template priorities map back to the same ticket priority', () => {
    for (const p of ['P1', 'P2', 'P3', 'P4'] as const) {
      const l = levelsForPriority(p);
      expect(priorityFor(l.impact, l.urgency)).toBe(p);
    }
  });

  it('the checklist is written as a task list', () => {
    expect(checklistMarkdown('Patch the server', [{ text: 'Snapshot' }, { text: 'Reboot' }])).toBe('Patch the server\n\n**Checklist**\n\n- [ ] Snapshot\n- [ ] Reboot');
  });

  it('a schedule input is validated with messages that name the field', () => {
    const bad = ScheduleInputSchema.safeParse({ kind: 'maintenance', name: '', timeZone: 'Mars/Base', rule: { freq: 'monthly', start: '2026-01-01' }, template: { title: 'x' } });
    expect(bad.success).toBe(false);
    const msgs = bad.error!.issues.map((i) => i.message);
    expect(msgs).toContain('Schedule name is required');
    expect(msgs).toContain('Time zone must be an IANA zone name such as America/Los_Angeles');
  });

  it('every operations table is registered, with a schema and a rule; setup tables are for coordinators', () => {
    for (const [name, spec] of Object.entries(OPERATIONS_SYNC_TABLES)) {
      expect((SYNC_TABLES as Record<string, unknown>)[name]).toBe(spec);
      expect(spec.schema).toBeDefined();
      expect(spec.rule.summary.length).toBeGreaterThan(0);
    }
    expect(OPERATIONS_SYNC_TABLES.schedules.rule.roles).toEqual(['coordinator', 'admin']);
    expect(OPERATIONS_SYNC_TABLES.occurrences.rule.roles).toBe('any');
  });
});

describe('failed runs notify the job’s team', () => {
  it('a failed run is for the members of its job’s team; a job without a team, or a team without members, tells everyone', () => {
    const run = (id: string, jobId: string, status: 'failed' | 'verified', expectedAt = '2026-01-05T15:00:00.000Z', deleted: 0 | 1 = 0) => ({ id, jobId, status, expectedAt, deleted });
    const jobs = [
      { id: 'j-a', teamId: 'team-a', deleted: 0 as const },
      { id: 'j-b', teamId: 'team-b', deleted: 0 as const },
      { id: 'j-none', teamId: null, deleted: 0 as const },
      { id: 'j-empty', teamId: 'team-empty', deleted: 0 as const },
      { id: 'j-gone', teamId: 'team-gone', deleted: 0 as const },
    ];
    const teams = [
      { id: 'team-a', memberIds: ['me', 'ana'] },
      { id: 'team-b', memberIds: ['ana'] },
      { id: 'team-empty', memberIds: [] },
      { id: 'team-gone', memberIds: ['ana'], deleted: 1 },
    ];
    const runs = [
      run('a', 'j-a', 'failed', '2026-01-06T15:00:00.000Z'),
      run('b', 'j-b', 'failed'),
      run('none', 'j-none', 'failed', '2026-01-04T15:00:00.000Z'),
      run('empty', 'j-empty', 'failed'),
      run('gone', 'j-gone', 'failed'),
      run('ok', 'j-a', 'verified'),
      run('deleted', 'j-a', 'failed', '2026-01-01T00:00:00.000Z', 1),
      run('unknown-job', 'j-x', 'failed'),
    ];
    expect(failedRunsForMe(runs, jobs, teams, ['me']).map((r) => r.id)).toEqual(['none', 'empty', 'gone', 'unknown-job', 'a']);
    expect(failedRunsForMe(runs, jobs, teams, ['ana']).map((r) => r.id)).toEqual(['none', 'b', 'empty', 'gone', 'unknown-job', 'a']);
    expect(failedRunsForMe(runs, jobs, teams, [])).toHaveLength(4);
  });
});
