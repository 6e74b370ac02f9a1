import { err, ok, type Result } from '../../result';
import type { Session } from '../session';
import { sessionInterval } from '../session';
import { checkTimeZone, epochToZoned } from '../zonedTime';
import { escapeIcsText, icsLocal, icsStream, icsUtc } from './icsText';
import { buildVTimezone } from './vtimezone';

/**
 * Sessions as an iCalendar file (RFC 5545) that Outlook, Google and Apple
 * calendars open. Times are written in the session's own zone with a
 * VTIMEZONE, so "9:00 in Sacramento" stays 9:00 in Sacramento.
 */

export const ICS_PRODID = '-//FieldDesk//Training Sessions//EN';
/** Domain-like suffix that makes UIDs globally unique and stable across exports. */
export const ICS_UID_DOMAIN = 'training.fielddesk.invalid';

export interface IcsSessionInput {
  session: Pick<Session, 'id' | 'startLocal' | 'timeZone' | 'durationMinutes' | 'location' | 'onlineUrl' | 'status' | 'notes'> & {
    updatedAt?: string;
  };
  title: string;
  /** Extra lines for the description: system, trainers, and the like. */
  details?: string[];
}

function eventLines(input: IcsSessionInput, startMs: number, endMs: number, dtstamp: string): string[] {
  const { session } = input;
  const zone = session.timeZone;
  const description = [...(input.details ?? []), session.onlineUrl ? `Join online: ${session.onlineUrl}` : '', session.notes]
    .filter((s) => s.trim() !== '')
    .join('\n');
  const location = session.location || session.onlineUrl;
  const lines = [
    'BEGIN:VEVENT',
    `UID:${session.id}@${ICS_UID_DOMAIN}`,
    `DTSTAMP:${dtstamp}`,
    `DTSTART;TZID=${zone}:${icsLocal(epochToZoned(startMs, zone))}`,
    `DTEND;TZID=${zone}:${icsLocal(epochToZoned(endMs, zone))}`,
    `SUMMARY:${escapeIcsText(input.title)}`,
  ];
  if (location) lines.push(`LOCATION:${escapeIcsText(location)}`);
  if (description) lines.push(`DESCRIPTION:${escapeIcsText(description)}`);
  // URL is a URI value, not TEXT: no escaping, and the schema allows only https links.
  if (session.onlineUrl && /^https:\/\/[^\s"<>\\]+$/i.test(session.onlineUrl)) lines.push(`URL:${session.onlineUrl}`);
  lines.push(`STATUS:${session.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`);
  if (session.updatedAt && !Number.isNaN(Date.parse(session.updatedAt))) {
    const updated = Date.parse(session.updatedAt);
    lines.push(`LAST-MODIFIED:${icsUtc(updated)}`);
    // Calendars apply a re-imported event (say, now cancelled) only if SEQUENCE grew.
    lines.push(`SEQUENCE:${Math.max(0, Math.floor((updated - Date.UTC(2024, 0, 1)) / 1000))}`);
  }
  lines.push('TRANSP:OPAQUE', 'CATEGORIES:Training', 'END:VEVENT');
  return lines;
}

/** The .ics text for one or many sessions; an invalid session time is an error naming that session. */
export function sessionsToIcs(inputs: readonly IcsSessionInput[], now: string, calendarName?: string): Result<string> {
  const nowMs = Date.parse(now);
  if (Number.isNaN(nowMs)) return err('invalid_request', 'The current time is not a valid date.');
  if (inputs.length === 0) return err('invalid_request', 'Choose at least one session to export.');

  const events: string[] = [];
  const yearsByZone = new Map<string, { min: number; max: number }>();
  for (const input of inputs) {
    const zone = checkTimeZone(input.session.timeZone);
    if (!zone.ok) return err('invalid_request', `"${input.title}": ${zone.error.message}`);
    const when = sessionInterval(input.session);
    if (!when.ok) return err('invalid_request', `"${input.title}": ${when.error.message}`);
    events.push(...eventLines(input, when.value.startMs, when.value.endMs, icsUtc(nowMs)));
    const year = Number(input.session.startLocal.slice(0, 4));
    const endYear = new Date(when.value.endMs).getUTCFullYear() + 1;
    const seen = yearsByZone.get(input.session.timeZone);
    yearsByZone.set(input.session.timeZone, { min: Math.min(seen?.min ?? year, year), max: Math.max(seen?.max ?? endYear, endYear) });
  }

  const zones = [...yearsByZone].sort(([a], [b]) => a.localeCompare(b)).flatMap(([zone, y]) => buildVTimezone(zone, y.min - 1, y.max));
  return ok(
    icsStream([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      `PRODID:${ICS_PRODID}`,
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      ...(calendarName ? [`X-WR-CALNAME:${escapeIcsText(calendarName)}`] : []),
      ...zones,
      ...events,
      'END:VCALENDAR',
    ]),
  );
}
