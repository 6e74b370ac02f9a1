import type { Result } from '../../../../../shared/result';

/**
 * Throwing inside a Dexie transaction aborts it and undoes what it wrote; a
 * rule's failure Result is carried out through the throw, so a ticket write
 * that half-succeeded (ticket written, then a history event refused) leaves
 * nothing behind.
 */
export class Rollback extends Error {
  constructor(readonly result: Result<never>) {
    super(result.ok ? 'rollback' : result.error.message);
  }
}

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
