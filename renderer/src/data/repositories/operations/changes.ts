import { err, ok, type Result } from '../../../../../shared/result';
import { ChangeInputSchema, ChangeSchema, type Change, type ChangeInput, type ChangeStatus } from '../../../../../shared/operations/schemas';
import { crud } from './setup';
import { live, type OpsContext } from './tables';

/** Changes, fixes and patches. The only writer of `changes`. */
export function changesRepository(ctx: OpsContext) {
  const base = crud<Change, ChangeInput>(ctx, ctx.t.changes, ChangeInputSchema, ChangeSchema, 'change');
  const { db, t, now } = ctx;

  async function patch(id: string, rule: (c: Change) => Result<Partial<Change>>): Promise<Result<Change>> {
    return db.transaction('rw', t.changes, async () => {
      const current = await live(t.changes, id, 'change');
      if (!current.ok) return current;
      const p = rule(current.value);
      if (!p.ok) return p;
      const next = { ...current.value, ...p.value, updatedAt: now() };
      await t.changes.put(next);
      return ok(next);
    });
  }

  return {
    ...base,
    /** Edit the record's fields. Status and approval have their own actions, so a form's stale copy of them is ignored. */
    update(id: string, patch: Partial<ChangeInput>): Promise<Result<Change>> {
      const { status: _s, approvedBy: _b, approvedAt: _a, ...fields } = patch as Partial<ChangeInput> & { approvedBy?: unknown; approvedAt?: unknown };
      void _s;
      void _b;
      void _a;
      return base.update(id, fields);
    },
    /** Approval is recorded with who and when (the person signed in on this device). */
    async approve(id: string): Promise<Result<Change>> {
      const actor = await ctx.actor();
      return patch(id, (c) =>
        c.status !== 'draft' ? err('conflict', 'Only a draft change can be approved.') : ok({ status: 'approved' as const, approvedBy: actor.id, approvedAt: now() }),
      );
    },
    setStatus(id: string, status: ChangeStatus): Promise<Result<Change>> {
      return patch(id, (c) => {
        if ((status === 'in_progress' || status === 'done') && !c.approvedAt && c.type !== 'standard') return err('conflict', 'Record the approval first (standard changes are pre-approved).');
        if ((status === 'done' || status === 'failed') && !c.outcome) return err('conflict', 'Record the outcome first.', { outcome: 'Pick an outcome' });
        return ok({ status });
      });
    },
  };
}
export type ChangesRepository = ReturnType<typeof changesRepository>;
