import { liveQuery, type Subscription } from 'dexie';
import type { FieldDeskDb } from '../data/db';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { HttpOptions, SyncFailure } from './http';
import { pullChanges, type PullProgress } from './pull';
import { pushOutbox } from './push';
import type { SessionStore } from './session';
import { LAST_SYNCED_KEY } from './state-keys';

export type SyncPhase = 'idle' | 'syncing' | 'synced' | 'error';

/** What the status bar and Settings show; published after every change. */
export interface EngineState {
  /** A server is set and this device is signed in to it. */
  configured: boolean;
  hasServer: boolean;
  signedIn: boolean;
  phase: SyncPhase;
  lastSyncedAt: string | null;
  error: string | null;
  errorKind: SyncFailure['kind'] | 'signed_out' | null;
  progress: PullProgress | null;
  /** When the next automatic attempt is due (epoch ms), or null. */
  nextAttemptAt: number | null;
}

export type RunResult =
  | { status: 'not_configured' }
  | { status: 'offline' }
  | { status: 'signed_out' }
  | { status: 'synced'; pushed: number; rejected: number; received: number; resynced: boolean }
  | { status: 'failed'; error: SyncFailure };

export interface EngineOptions {
  db: FieldDeskDb;
  fetch: typeof fetch;
  /** The configured server, read at each run so a change in Settings takes effect at once. */
  getServerUrl: () => Promise<string | null>;
  sessions: SessionStore;
  onState?: (state: EngineState) => void;
  random?: () => number;
  /** Sync this often when nothing else triggers it. */
  periodMs?: number;
  /** Wait this long after a local write, so a burst of edits goes in one push. */
  debounceMs?: number;
  backoff?: BackoffPolicy;
  batchSize?: number;
  pageSize?: number;
  timeoutMs?: number;
  /** Follow the outbox with a live query and sync shortly after local writes (off in some tests). */
  watchOutbox?: boolean;
  /** The OS says there is no network (navigator.onLine): skip runs until the 'online' event calls syncNow(). */
  isOnline?: () => boolean;
}

const failureMessage = (f: SyncFailure): string => {
  switch (f.kind) {
    case 'network':
      return `Cannot reach the server (${f.message}); your changes are kept on this device`;
    case 'unauthorized':
      return 'Your sign-in has expired; sign in again in Settings. Your changes are kept on this device';
    case 'rate_limited':
      return 'The server asked us to wait; retrying shortly';
    case 'server':
      return `The server is having trouble (${f.message}); retrying`;
    default:
      return f.message;
  }
};

/**
 * The device side of sync: push the outbox, then pull after the cursor.
 * Runs at start, shortly after local writes, periodically, on reconnect and
 * on demand; failures back off exponentially with jitter. Only one run at a
 * time: a request during a run queues one more run after it.
 */
export class SyncEngine {
  private state: EngineState = {
    configured: false,
    hasServer: false,
    signedIn: false,
    phase: 'idle',
    lastSyncedAt: null,
    error: null,
    errorKind: null,
    progress: null,
    nextAttemptAt: null,
  };
  private running: Promise<RunResult> | null = null;
  private again = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerDue = 0;
  private stopped = true;
  private outboxWatch: Subscription | null = null;
  private abort = new AbortController();

  constructor(private readonly options: EngineOptions) {}

  get current(): EngineState {
    return this.state;
  }

  /** Begin: sync now, then on every trigger until stop(). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.abort = new AbortController();
    void this.options.db.syncState.get(LAST_SYNCED_KEY).then((row) => {
      if (row && !this.state.lastSyncedAt) this.publish({ lastSyncedAt: row.value as string });
    });
    if (this.options.watchOutbox !== false) {
      let lastSeq: number | undefined;
      this.outboxWatch = liveQuery(async () => (await this.options.db.outbox.orderBy('seq').last())?.seq ?? 0).subscribe({
        next: (seq) => {
          // The first value is the state at start, already covered by the run below.
          if (lastSeq !== undefined && seq > lastSeq) this.localChange();
          lastSeq = seq;
        },
        error: () => undefined,
      });
    }
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
    this.outboxWatch?.unsubscribe();
    this.outboxWatch = null;
    this.clearTimer();
  }

  /** A local write happened: sync soon, unless we are backing off from failures. */
  localChange(): void {
    if (this.stopped || this.failures > 0) return;
    this.schedule(this.options.debounceMs ?? 1_500);
  }

  /** The user asked (Retry, sign-in) or the network came back: try now, forgetting the backoff. */
  syncNow(): void {
    if (this.stopped) return;
    this.failures = 0;
    this.schedule(0);
  }

  /** One push-then-pull run. Concurrent calls share the run in progress and queue one more. */
  runOnce(): Promise<RunResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.clearTimer();
    const run = this.runCycle().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      }
    });
    this.running = run;
    return run;
  }

  private async runCycle(): Promise<RunResult> {
    const { db } = this.options;
    const url = await this.options.getServerUrl();
    if (!url) {
      this.publish({ configured: false, hasServer: false, signedIn: false, phase: 'idle', error: null, errorKind: null, nextAttemptAt: null });
      return { status: 'not_configured' };
    }
    if (this.options.isOnline && !this.options.isOnline()) {
      // Not an error: working offline is normal. Changes wait in the outbox; reconnecting triggers a run.
      this.publish({ configured: true, hasServer: true, phase: 'idle', error: null, errorKind: null, progress: null, nextAttemptAt: null });
      return { status: 'offline' };
    }
    const session = await this.options.sessions.get();
    if (!session || session.serverUrl !== url) {
      this.publish({ configured: true, hasServer: true, signedIn: false, phase: 'error', error: 'Sign in to the sync server in Settings; your changes are kept on this device', errorKind: 'signed_out', nextAttemptAt: null });
      return { status: 'signed_out' };
    }
    this.publish({ configured: true, hasServer: true, signedIn: true, phase: 'syncing', nextAttemptAt: null });
    const clock = db.device.get().clock;
    const http: HttpOptions = {
      baseUrl: url,
      fetch: this.options.fetch,
      // The device's own wall clock: the frame the clock's offset is measured in.
      localNow: () => clock.now() - clock.offset,
      onServerTime: (serverTime, at) => clock.anchor(serverTime, at),
      timeoutMs: this.options.timeoutMs,
    };
    const pushed = await pushOutbox(db, { http, token: session.token, batchSize: this.options.batchSize });
    if (!pushed.ok) return this.failed(pushed.error);
    const pulled = await pullChanges(db, {
      http,
      token: session.token,
      pageSize: this.options.pageSize,
      signal: this.abort.signal,
      onProgress: (progress) => this.publish({ progress }),
    });
    if (!pulled.ok) return this.failed(pulled.error);
    const at = new Date(clock.now()).toISOString();
    await db.syncState.put({ key: LAST_SYNCED_KEY, value: at });
    this.failures = 0;
    this.publish({ phase: 'synced', lastSyncedAt: at, error: null, errorKind: null, progress: null });
    // Writes made during the run already scheduled a follow-up through the outbox watch; the earlier timer wins.
    this.schedule(this.options.periodMs ?? 60_000);
    return { status: 'synced', pushed: pushed.value.applied, rejected: pushed.value.rejected, received: pulled.value.received, resynced: pulled.value.resynced };
  }

  private failed(error: SyncFailure): RunResult {
    this.publish({ phase: 'error', error: failureMessage(error), errorKind: error.kind, progress: null, ...(error.kind === 'unauthorized' ? { signedIn: false } : {}) });
    // A refused token will not fix itself: wait for the user to sign in again (syncNow).
    if (error.kind !== 'unauthorized') {
      this.failures += 1;
      this.schedule(backoffDelay(this.failures, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random ?? Math.random, error.retryAfterMs));
    }
    return { status: 'failed', error };
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const due = Date.now() + delayMs;
    if (this.timer && this.timerDue <= due) return;
    this.clearTimer();
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runOnce();
    }, delayMs);
    if (delayMs > 0) this.publish({ nextAttemptAt: due });
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private publish(patch: Partial<EngineState>): void {
    this.state = { ...this.state, ...patch };
    this.options.onState?.(this.state);
  }
}
