import { ok, type Result } from '../../../../../shared/result';
import { extraOccurrenceId, occurrenceRunId } from '../../../../../shared/operations/ids';
import { place } from '../../../../../shared/operations/recurrence';
import { checklistMarkdown, dueOccurrences, levelsForPriority, runItemsFrom } from '../../../../../shared/operations/rules';
import { OccurrenceSchema, OutputRunSchema, type Occurrence, type OutputJob, type OutputRun, type Schedule } from '../../../../../shared/operations/schemas';
import type { BusinessCalendar } from '../../../../../shared/tickets/calendar';
import { isActive } from '../../../../../shared/tickets/enums';
import { alive, live, localDate, type OpsContext } from './tables';

export interface GenerateReport {
  created: Occurrence[];
  /** Occurrences that already existed (made earlier here, or by another device and synced). */
  existing: number;
  problems: Array<{ scheduleId: string; date: string; message: string }>;
}

interface Planned {
  id: string;
  date: string;
  at: string;
  ticketId: string;
  runId: string;
  extra: boolean;
}

/**
 * Creates each schedule's occurrences its lead time ahead: a maintenance
 * ticket (through the tickets repository's create path, checklist in the
 * description) or an output run (checklist as its verification items). Ids
 * are derived from schedule and date (shared/operations/ids.ts) and every
 * write is put-if-absent, so running it twice, or on two devices, makes one.
 */
export function occurrenceGenerator(ctx: OpsContext) {
  const { db, t, now } = ctx;

  async function calendarOf(s: Schedule): Promise<BusinessCalendar | null> {
    if (!s.calendarId) return null;
    const c = await ctx.tickets.tables.calendars.get(s.calendarId);
    return c && c.deleted !== 1 ? c : null;
  }

  /** Occurrences whose ticket was resolved or whose run was distributed are marked done (after-completion schedules count from them). */
  async function completionState(s: Schedule): Promise<{ lastCompletedDate: string | null; openOccurrence: boolean }> {
    const occs = alive(await t.occurrences.where('scheduleId').equals(s.id).toArray());
    let last: string | null = null;
    let open = false;
    for (const o of occs) {
      let doneAt = o.completedAt;
      if (!doneAt && o.ticketId) {
        const ticket = await ctx.tickets.tickets.get(o.ticketId);
        if (ticket && !isActive(ticket.status)) doneAt = ticket.resolvedAt ?? ticket.closedAt ?? ticket.updatedAt;
      }
      if (!doneAt && o.runId) {
        const run = await t.runs.get(o.runId);
        if (run?.status === 'distributed') doneAt = run.distributedAt;
      }
      if (doneAt) {
        if (o.status !== 'done') await t.occurrences.put({ ...o, status: 'done', completedAt: doneAt, updatedAt: now() });
        const d = localDate(doneAt, s.timeZone);
        if (!last || d > last) last = d;
      } else if (o.status === 'created') open = true;
    }
    return { lastCompletedDate: last, openOccurrence: open };
  }

  /** Create one occurrence and what it makes; nothing when it already exists. */
  async function createOne(s: Schedule, p: Planned): Promise<Result<Occurrence | null>> {
    if (await t.occurrences.get(p.id)) return ok(null);
    const at = now();
    let ticketId: string | null = null;
    let runId: string | null = null;
    if (s.kind === 'maintenance') {
      ticketId = p.ticketId;
      if (!(await ctx.tickets.tickets.get(ticketId))) {
        const actor = await ctx.actor();
        const requesterId = s.template.requesterId ?? actor.id;
        const created = await ctx.ticketsWithId(ticketId).tickets.create({
          type: 'maintenance',
          title: `${s.template.title} — ${localDate(p.at, s.timeZone)}`,
          description: checklistMarkdown(s.template.description, s.template.checklist),
          requesterId,
          systemId: s.systemId,
          teamId: s.template.teamId,
          assigneeId: s.template.assigneeId,
          ...levelsForPriority(s.template.priority),
          tags: ['maintenance', 'scheduled'],
        });
        if (!created.ok) return created;
      }
    } else {
      const job = alive(await t.jobs.where('scheduleId').equals(s.id).toArray())[0];
      if (!job) return { ok: false, error: { code: 'not_found', message: `No output job uses the schedule “${s.name}”.` } };
      runId = p.runId;
      if (!(await t.runs.get(runId))) {
        const cal = await calendarOf(s);
        const expectedAt = place(localDate(p.at, s.timeZone), job.expectedTime, s.timeZone, 'none', cal).at;
        const run = OutputRunSchema.parse({
          id: runId,
          jobId: job.id,
          occurrenceId: p.id,
          date: p.date,
          expectedAt,
          items: runItemsFrom(job.checklist),
          extra: p.extra,
          createdAt: at,
          updatedAt: at,
          stamps: {},
          deleted: 0,
        }) as OutputRun;
        await t.runs.add(run);
      }
    }
    const occ = OccurrenceSchema.parse({
      id: p.id,
      scheduleId: s.id,
      kind: s.kind,
      date: p.date,
      plannedAt: p.at,
      ticketId,
      runId,
      extra: p.extra,
      createdAt: at,
      updatedAt: at,
      stamps: {},
      deleted: 0,
    }) as Occurrence;
    await t.occurrences.add(occ);
    return ok(occ);
  }

  /** One schedule's due occurrences, in one transaction over every store the ticket create path touches. */
  async function forSchedule(s: Schedule, report: GenerateReport, nowIso: string): Promise<void> {
    await db.transaction('rw', db.tables, async () => {
      const cal = await calendarOf(s);
      const today = localDate(nowIso, s.timeZone);
      const state = s.mode === 'after_completion' ? await completionState(s) : undefined;
      for (const d of dueOccurrences(s, today, cal, state)) {
        const r = await createOne(s, { id: d.id, date: d.date, at: d.at, ticketId: d.ticketId, runId: d.runId, extra: false });
        if (!r.ok) report.problems.push({ scheduleId: s.id, date: d.date, message: r.error.message });
        else if (r.value) report.created.push(r.value);
        else report.existing++;
      }
    });
  }

  return {
    /** Every active schedule's occurrences due by now + its lead days. */
    async generate(): Promise<GenerateReport> {
      const report: GenerateReport = { created: [], existing: 0, problems: [] };
      const nowIso = now();
      for (const s of alive(await t.schedules.toArray())) {
        if (s.active) await forSchedule(s, report, nowIso);
      }
      return report;
    },

    async generateFor(scheduleId: string): Promise<Result<GenerateReport>> {
      const s = await live(t.schedules, scheduleId, 'schedule');
      if (!s.ok) return s;
      const report: GenerateReport = { created: [], existing: 0, problems: [] };
      await forSchedule(s.value, report, now());
      return ok(report);
    },

    /** "Run now": an extra occurrence on purpose, with a fresh id, planned for now. */
    async runNow(scheduleId: string): Promise<Result<Occurrence>> {
      const s = await live(t.schedules, scheduleId, 'schedule');
      if (!s.ok) return s;
      const fresh = ctx.newId();
      const at = now();
      const date = localDate(at, s.value.timeZone);
      return db.transaction('rw', db.tables, async () => {
        const r = await createOne(s.value, { id: extraOccurrenceId(fresh), date, at, ticketId: fresh, runId: fresh, extra: true });
        if (!r.ok) return r;
        return ok(r.value!);
      });
    },

    /** The run id an output schedule's rule date gets (for screens linking to it before it exists). */
    runIdOf: (scheduleId: string, date: string) => occurrenceRunId(scheduleId, date),
    jobOfSchedule: async (scheduleId: string): Promise<OutputJob | null> => alive(await t.jobs.where('scheduleId').equals(scheduleId).toArray())[0] ?? null,
  };
}
export type OccurrenceGenerator = ReturnType<typeof occurrenceGenerator>;
