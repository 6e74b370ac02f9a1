/**
 * Runs tasks at most `limit` at a time; the others wait their turn, first come
 * first served.
 *
 * The server sends its push transactions through one of these. Pushes that
 * touch the same records, and every push's commit (the sequence counter), wait
 * for each other anyway; waiting in PostgreSQL costs far more than waiting
 * here: lock queues, woken backends re-reading rows, and a crowd of backends
 * competing for the same cores slows down the one transaction that holds the
 * locks everyone needs.
 */
export interface Gate {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createGate(limit: number): Gate {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`a gate needs a limit of at least 1, got ${limit}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running < limit) running++;
      else await new Promise<void>((resolve) => waiting.push(resolve)); // the finishing task hands its place over
      try {
        return await task();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
  };
}
