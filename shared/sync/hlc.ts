/**
 * Hybrid logical clock stamps for field-level last-writer-wins.
 *
 * A stamp is a fixed-width string `WWWWWWWWWWWWWWW:CCCCCC:device` (wall-clock
 * milliseconds, a counter, the device id), so plain string comparison orders
 * stamps by time, then counter, then device id: the tie-break every device and
 * the server apply identically.
 */
export interface HlcState {
  wall: number;
  counter: number;
}

export interface ParsedStamp extends HlcState {
  deviceId: string;
}

const WALL_WIDTH = 15;
const COUNTER_WIDTH = 6;
const MAX_COUNTER = 999_999;

export function formatStamp(state: HlcState, deviceId: string): string {
  if (!Number.isSafeInteger(state.wall) || state.wall < 0) throw new RangeError('HLC wall time must be a non-negative integer');
  if (state.counter < 0 || state.counter > MAX_COUNTER) throw new RangeError('HLC counter out of range');
  return `${String(state.wall).padStart(WALL_WIDTH, '0')}:${String(state.counter).padStart(COUNTER_WIDTH, '0')}:${deviceId}`;
}

const STAMP_RE = /^(\d{15}):(\d{6}):(.+)$/;

export function parseStamp(stamp: string): ParsedStamp | null {
  const m = STAMP_RE.exec(stamp);
  if (!m) return null;
  return { wall: Number(m[1]), counter: Number(m[2]), deviceId: m[3] as string };
}

export const isStamp = (s: unknown): s is string => typeof s === 'string' && STAMP_RE.test(s);

/** Negative when a is older than b. Stamps are comparable as strings by design. */
export function compareStamps(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The next local event: never goes backwards, even if the wall clock does. */
export function tick(state: HlcState, now: number): HlcState {
  const wall = Math.max(state.wall, Math.floor(now));
  if (wall === state.wall) {
    if (state.counter >= MAX_COUNTER) return { wall: wall + 1, counter: 0 };
    return { wall, counter: state.counter + 1 };
  }
  return { wall, counter: 0 };
}

/** Merge a stamp seen from elsewhere so that our next stamp sorts after it. */
export function observe(state: HlcState, remote: HlcState, now: number): HlcState {
  const wall = Math.max(state.wall, remote.wall, Math.floor(now));
  let counter: number;
  if (wall === state.wall && wall === remote.wall) counter = Math.max(state.counter, remote.counter) + 1;
  else if (wall === state.wall) counter = state.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { wall: wall + 1, counter: 0 };
  return { wall, counter };
}

/** The newest of some stamps (malformed or missing ones are ignored), or undefined if none is valid. */
export function latestStamp(stamps: readonly (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const s of stamps) if (isStamp(s) && (best === undefined || compareStamps(s, best) > 0)) best = s;
  return best;
}

/**
 * A device's clock: HLC state plus an offset that re-anchors the device to the
 * server's time at every sync, so a laptop whose clock is days off still makes
 * stamps near the truth once it has synced.
 */
export class HybridClock {
  private state: HlcState;
  private offsetMs = 0;

  constructor(
    readonly deviceId: string,
    private readonly wallNow: () => number = () => Date.now(),
    initial?: string,
  ) {
    const parsed = initial ? parseStamp(initial) : null;
    this.state = parsed ? { wall: parsed.wall, counter: parsed.counter } : { wall: 0, counter: 0 };
  }

  now(): number {
    return this.wallNow() + this.offsetMs;
  }

  /** serverTimeMs was read at local time localAtMs (pass the midpoint of the request). */
  anchor(serverTimeMs: number, localAtMs: number = this.wallNow()): void {
    this.offsetMs = Math.round(serverTimeMs - localAtMs);
  }

  get offset(): number {
    return this.offsetMs;
  }

  next(): string {
    this.state = tick(this.state, this.now());
    return formatStamp(this.state, this.deviceId);
  }

  observe(stamp: string): void {
    const parsed = parseStamp(stamp);
    if (parsed) this.state = observe(this.state, parsed, this.now());
  }

  /** The latest stamp issued or observed, for persisting across restarts. */
  last(): string {
    return formatStamp(this.state, this.deviceId);
  }
}
