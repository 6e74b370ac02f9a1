import { err, ok, type Result } from '../../../../../shared/result';
import { verificationTicketId } from '../../../../../shared/operations/ids';
import { distributionGate, evaluateItem, levelsForPriority, statusAfterChecks, runItemsFrom } from '../../../../../shared/operations/rules';
import { OutputRunSchema, type OutputRun, type RunItem } from '../../../../../shared/operations/schemas';
import { text, LIMITS } from '../../../../../shared/tickets/fields';
import { parseWith } from '../../../../../shared/validation';
import { live, type OpsContext } from './tables';

export interface ItemEntry {
  actual?: number | null;
  result?: RunItem['result'];
  note?: string;
}

const ReasonSchema = text('Override reason', LIMITS.reason, { required: true, multiline: true });

/**
 * Output runs: received, verified item by item, distributed past the gate.
 * A run whose checks fail opens a linked ticket (one per run: its id is
 * derived from the run's, so two devices failing the same run open one).
 */
export function runsRepository(ctx: OpsContext) {
  const { db, t, now } = ctx;

  async function change(id: string, rule: (run: OutputRun, at: string, actorId: string) => Result<OutputRun> | Promise<Result<OutputRun>>): Promise<Result<OutputRun>> {
    const actor = await ctx.actor();
    return db.transaction('rw', db.tables, async () => {
      const current = await live(t.runs, id, 'run');
      if (!current.ok) return current;
      const at = now();
      const next = await rule(current.value, at, actor.id);
      if (!next.ok) return next;
      const valid = parseWith(OutputRunSchema, { ...next.value, updatedAt: at }, 'run');
      if (!valid.ok) return valid;
      let saved = valid.value as OutputRun;
      if (saved.status === 'failed' && !saved.ticketId) {
        const ticket = await openProblemTicket(saved, actor.id);
        if (!ticket.ok) return ticket;
        saved = { ...saved, ticketId: ticket.value };
      }
      await t.runs.put(saved);
      return ok(saved);
    });
  }

  async function openProblemTicket(run: OutputRun, actorId: string): Promise<Result<string>> {
    const id = verificationTicketId(run.id);
    if (await ctx.tickets.tickets.get(id)) return ok(id);
    const job = await t.jobs.get(run.jobId);
    const failed = run.items.filter((i) => i.result === 'fail');
    const lines = failed.map((i) => `- ${i.label}: ${i.kind === 'check' ? 'failed' : `expected ${i.expected ?? '—'}, got ${i.actual ?? '—'}`}${i.note ? ` (${i.note})` : ''}`);
    const person = await ctx.db.people.get(actorId);
    const requesterId = person && !person.deleted ? actorId : (job?.customerIds[0] ?? actorId);
    const created = await ctx.ticketsWithId(id).tickets.create({
      type: 'incident',
      title: `Output verification failed: ${job?.name ?? 'output run'} (${run.date})`,
      description: `The run of ${run.date} failed verification.\n\n${lines.join('\n')}`,
      requesterId,
      systemId: job?.systemId ?? null,
      teamId: job?.teamId ?? null,
      ...levelsForPriority('P2'),
      tags: ['output', 'verification'],
    });
    return created.ok ? ok(id) : created;
  }

  return {
    get: (id: string) => t.runs.get(id),

    receive(id: string, receivedAt?: string): Promise<Result<OutputRun>> {
      return change(id, (run, at) => {
        if (run.receivedAt) return err('conflict', 'This run was already received.');
        const next = { ...run, receivedAt: receivedAt ?? at };
        return ok({ ...next, status: statusAfterChecks(next) });
      });
    },

    /** Record one check: a control total's actual value (judged against the expected), a yes/no result, a note. */
    recordItem(id: string, itemId: string, entry: ItemEntry): Promise<Result<OutputRun>> {
      return change(id, (run, at, actorId) => {
        if (run.status === 'distributed') return err('conflict', 'This run has been distributed; its checks are final.');
        if (!run.receivedAt) return err('conflict', 'Mark the output received first.');
        const item = run.items.find((i) => i.id === itemId);
        if (!item) return err('not_found', 'That check is not on this run.');
        if (entry.actual !== undefined && entry.actual !== null && !Number.isFinite(entry.actual)) return err('invalid_request', 'The value must be a number.', { actual: 'Enter a number' });
        const edited = evaluateItem({ ...item, ...entry, ...(entry.actual !== undefined && item.kind !== 'check' && entry.result === undefined ? { result: 'pending' as const } : {}) });
        const items = run.items.map((i) => (i.id === itemId ? edited : i));
        const next = { ...run, items };
        const status = statusAfterChecks(next);
        const done = items.every((i) => i.result !== 'pending');
        return ok({ ...next, status, ...(done ? { verifiedBy: actorId, verifiedAt: at } : { verifiedBy: null, verifiedAt: null }) });
      });
    },

    /** Let critical checks that did not pass through, with a reason (recorded with who and when). */
    override(id: string, reason: string): Promise<Result<OutputRun>> {
      const parsed = parseWith(ReasonSchema, reason, 'override');
      if (!parsed.ok) return Promise.resolve(err('invalid_request', 'Give a reason for the override.', { reason: 'A reason is required' }));
      return change(id, (run, at, by) => (run.status === 'distributed' ? err('conflict', 'This run has been distributed.') : ok({ ...run, override: { reason: parsed.value, by, at } })));
    },

    /** Mark it distributed to people (ids, shown by name) and outside addresses (name and address, as they were). */
    distribute(id: string, recipientIds: readonly string[], outside: readonly { name: string; email: string }[] = []): Promise<Result<OutputRun>> {
      return change(id, (run, at, by) => {
        const gate = distributionGate(run);
        if (!gate.ok) return gate;
        if (recipientIds.length === 0 && outside.length === 0) return err('invalid_request', 'Pick who it went to.', { distributedTo: 'Pick at least one recipient' });
        const seen = new Set<string>();
        const others = outside.filter((o) => !seen.has(o.email.toLowerCase()) && seen.add(o.email.toLowerCase())).map((o) => ({ name: o.name, email: o.email }));
        return ok({ ...run, status: 'distributed', distributedAt: at, distributedBy: by, distributedTo: [...recipientIds], distributedToOutside: others });
      });
    },

    /** An extra run of a job outside its schedule, fresh id, expected now. */
    async runNow(jobId: string): Promise<Result<OutputRun>> {
      const job = await live(t.jobs, jobId, 'output job');
      if (!job.ok) return job;
      const at = now();
      const run = OutputRunSchema.parse({ id: ctx.newId(), jobId, date: at.slice(0, 10), expectedAt: at, items: runItemsFrom(job.value.checklist), extra: true, createdAt: at, updatedAt: at, stamps: {}, deleted: 0 }) as OutputRun;
      await t.runs.add(run);
      return ok(run);
    },
  };
}
export type RunsRepository = ReturnType<typeof runsRepository>;
