import { err, ok, type Result } from '../../../../../shared/result';
import { RegistrationSchema, type Registration } from '../../../../../shared/training/registration';
import type { RegistrationChange } from '../../../../../shared/training/waitlist';
import { parseWith } from '../../../../../shared/validation';
import type { TrainingTables } from './tables';

/**
 * Write the registration changes a wait-list rule planned. Call inside the
 * caller's transaction: a cancellation and the promotion it causes commit
 * together, or neither does.
 */
export async function writeRegistrationChanges(t: TrainingTables, changes: readonly RegistrationChange[], now: string): Promise<Result<Registration[]>> {
  const written: Registration[] = [];
  for (const c of changes) {
    if (c.kind === 'insert') {
      const record = parseWith(RegistrationSchema, { ...c.record, createdAt: now, updatedAt: now, stamps: {}, deleted: 0 }, 'registration');
      if (!record.ok) return record;
      await t.registrations.add(record.value);
      written.push(record.value);
    } else {
      const current = await t.registrations.get(c.id);
      if (!current) return err('not_found', 'A registration changed while this was being saved. Try again.');
      const next: Registration = { ...current, ...c.fields, updatedAt: now };
      await t.registrations.put(next);
      written.push(next);
    }
  }
  return ok(written);
}

/** Throwing inside a Dexie transaction rolls back what it already wrote; the Result is carried out. */
export class Rollback extends Error {
  constructor(readonly result: Result<never>) {
    super(result.ok ? 'rollback' : result.error.message);
  }
}

/** Run a transaction body whose failure Result must undo its earlier writes. */
export async function atomically<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Rollback) return e.result;
    throw e;
  }
}

export function orRollback<T>(r: Result<T>): T {
  if (!r.ok) throw new Rollback(r);
  return r.value;
}
