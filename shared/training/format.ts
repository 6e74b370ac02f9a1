import type { SessionTiming } from './session';
import { sessionInterval } from './session';

/** Human-readable session times, always in the session's own zone (where the class meets). */
export interface SessionWhenText {
  /** "Tuesday, March 10, 2026" */
  date: string;
  /** "9:00 AM – 12:00 PM PDT" */
  time: string;
}

export function formatSessionWhen(session: SessionTiming, locale = 'en-US'): SessionWhenText | null {
  const when = sessionInterval(session);
  if (!when.ok) return null;
  const { startMs, endMs } = when.value;
  const date = new Intl.DateTimeFormat(locale, { timeZone: session.timeZone, dateStyle: 'full' }).format(new Date(startMs));
  const time = new Intl.DateTimeFormat(locale, { timeZone: session.timeZone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).formatRange(
    new Date(startMs),
    new Date(endMs),
  );
  return { date, time };
}

/** "Mar 10, 9:00 AM" in a zone, for short messages. */
export function formatShort(epochMs: number, timeZone: string, locale = 'en-US'): string {
  return new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(epochMs));
}
