import { formatSessionWhen } from '../../../../shared/training/format';
import type { Session } from '../../../../shared/training/session';
import { sessionInterval } from '../../../../shared/training/session';

/** "Tue, Mar 10 · 9:00 AM – 12:00 PM PDT", or the raw value if the time is somehow invalid. */
export function whenText(s: Pick<Session, 'startLocal' | 'timeZone' | 'durationMinutes'>): string {
  const w = formatSessionWhen(s);
  return w ? `${w.date} · ${w.time}` : `${s.startLocal.replace('T', ' ')} (${s.timeZone})`;
}

export function timeText(s: Pick<Session, 'startLocal' | 'timeZone' | 'durationMinutes'>): string {
  return formatSessionWhen(s)?.time ?? s.startLocal.slice(11, 16);
}

export const placeText = (s: Pick<Session, 'location' | 'onlineUrl'>): string => s.location || (s.onlineUrl ? 'Online' : '');

/** Whether a session is over, by the clock of this computer. */
export function isPast(s: Pick<Session, 'startLocal' | 'timeZone' | 'durationMinutes'>, nowMs = Date.now()): boolean {
  const i = sessionInterval(s);
  return i.ok ? i.value.endMs < nowMs : false;
}

export const STATUS_LABEL: Record<Session['status'], string> = { scheduled: 'Scheduled', completed: 'Completed', cancelled: 'Cancelled' };

/** "9:00 AM": the wall-clock start where the class meets, short enough for a calendar cell. */
export function startText(s: Pick<Session, 'startLocal'>): string {
  const [h = 0, m = 0] = s.startLocal.slice(11, 16).split(':').map(Number);
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}
