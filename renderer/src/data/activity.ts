import type { DBCore, DBCoreTable, Middleware } from 'dexie';

/**
 * The user's reads and writes in flight, as opposed to background work's (a
 * pulled page's chunks). IndexedDB runs a transaction only after every
 * earlier one that shares a store with it, so a screen that reads several
 * times in a row (a list's plan, then its rows) waited behind a background
 * chunk at each read. Background writers ask `quiet()` before their next
 * chunk: the screen's reads then wait behind one chunk at most.
 */

const background = new WeakSet<object>();

/** A background transaction (its `idbtrans`): its requests are not the user's. */
export function markBackground(idbtrans: object): void {
  background.add(idbtrans);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class Activity {
  private inFlight = 0;
  private lastEnd = -Infinity;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Counts `p` as the user's until it settles. */
  track<T>(p: Promise<T>): Promise<T> {
    this.inFlight++;
    const end = (): void => {
      this.inFlight--;
      this.lastEnd = this.now();
    };
    p.then(end, end);
    return p;
  }

  /** How long no request of the user's has been in flight (ms; 0 while one is). */
  idleFor(): number {
    return this.inFlight > 0 ? 0 : this.now() - this.lastEnd;
  }

  /**
   * Resolves once the user has had no request in flight for `quietMs`, or
   * after `maxMs` at most (a screen that reads without pause, or a live query
   * re-running at every chunk, must not stop the background work).
   */
  async quiet(quietMs: number, maxMs: number): Promise<void> {
    const start = this.now();
    for (;;) {
      const idle = this.idleFor();
      if (idle >= quietMs) return;
      const left = maxMs - (this.now() - start);
      if (left <= 0) return;
      await sleep(Math.max(1, Math.min(left, quietMs - idle)));
    }
  }
}

type Method = 'get' | 'getMany' | 'query' | 'openCursor' | 'count' | 'mutate';
const METHODS: readonly Method[] = ['get', 'getMany', 'query', 'openCursor', 'count', 'mutate'];

/**
 * Counts every request of a transaction not marked background as the user's,
 * except on `ignored` stores: the sync engine's own bookkeeping (its cursor,
 * progress and outbox reads) is not the user at work.
 */
export function activityMiddleware(activity: Activity, ignored: ReadonlySet<string> = new Set()): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'userActivity',
    create: (down) => ({
      ...down,
      table(name: string): DBCoreTable {
        const table = down.table(name);
        if (ignored.has(name)) return table;
        const wrapped = { ...table } as unknown as Record<Method, (req: { trans: object }) => Promise<unknown>>;
        for (const m of METHODS) {
          const call = (table[m] as unknown as (req: { trans: object }) => Promise<unknown>).bind(table);
          wrapped[m] = (req) => (background.has(req.trans) ? call(req) : activity.track(call(req)));
        }
        return wrapped as unknown as DBCoreTable;
      },
    }),
  };
}
