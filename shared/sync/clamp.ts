import { formatStamp, parseStamp } from './hlc';

/**
 * Stamps too far ahead of server time are pulled back, so one device with a
 * wrong clock cannot make its writes win over everyone else's for days.
 *
 * Clamping keeps the device's own order: every stamp at or beyond the limit is
 * given the limit as its time and a counter that follows the original order,
 * so a later write from that device still beats its earlier one. Clamped
 * stamps keep their device id, so ties still break the same way.
 */
export const DEFAULT_MAX_AHEAD_MS = 5 * 60_000;

const COUNTER_SPAN = 1_000_000;

export function stampLimit(serverNowMs: number, maxAheadMs: number): number {
  return Math.floor(serverNowMs) + Math.max(0, Math.floor(maxAheadMs));
}

/** True when the stamp's time is at or past the limit, i.e. it would be clamped. */
export function needsClamp(stamp: string, serverNowMs: number, maxAheadMs: number): boolean {
  const parsed = parseStamp(stamp);
  return parsed !== null && parsed.wall >= stampLimit(serverNowMs, maxAheadMs);
}

/**
 * Clamp a batch of stamps together. Returns original -> clamped for the stamps
 * that changed; stamps absent from the map are kept as they are. Unparseable
 * stamps are left alone (validation refuses them before this runs).
 */
export function clampStamps(stamps: Iterable<string>, serverNowMs: number, maxAheadMs: number): Map<string, string> {
  const limit = stampLimit(serverNowMs, maxAheadMs);
  const over = [...new Set(stamps)].filter((s) => {
    const p = parseStamp(s);
    return p !== null && p.wall >= limit;
  });
  // Stamps compare as strings, so sorting them sorts by (time, counter, device).
  over.sort();
  const out = new Map<string, string>();
  over.forEach((original, rank) => {
    const { deviceId } = parseStamp(original) as { deviceId: string };
    const clamped = formatStamp({ wall: limit + Math.floor(rank / COUNTER_SPAN), counter: rank % COUNTER_SPAN }, deviceId);
    out.set(original, clamped);
  });
  return out;
}
