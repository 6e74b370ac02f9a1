import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { sessionsToIcs, type IcsSessionInput } from '../../../../shared/training/ics/exportIcs';
import { escapeIcsText, foldLine } from '../../../../shared/training/ics/icsText';
import { buildVTimezone } from '../../../../shared/training/ics/vtimezone';

const NOW = '2026-02-01T12:00:00.000Z';
const base: IcsSessionInput['session'] = {
  id: '0190c0de-0000-7000-8000-000000000001',
  startLocal: '2026-03-10T09:00',
  timeZone: 'America/Los_Angeles',
  durationMinutes: 180,
  location: 'Hall of Justice, Room 204; 813 6th St',
  onlineUrl: '',
  status: 'scheduled',
  notes: '',
};
const ev = (patch: Partial<IcsSessionInput['session']>, title = 'Odyssey Case Initiation'): IcsSessionInput => ({ session: { ...base, ...patch }, title });

/** Parse with ical.js, an independent implementation, using only the file's own VTIMEZONEs. */
function parse(ics: string) {
  const comp = new ICAL.Component(ICAL.parse(ics));
  ICAL.TimezoneService.reset();
  for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const events = comp.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      location: e.location,
      description: e.description,
      startUtc: new Date(e.startDate.toUnixTime() * 1000).toISOString(),
      endUtc: new Date(e.endDate.toUnixTime() * 1000).toISOString(),
      tzid: e.startDate.zone?.tzid,
      status: v.getFirstPropertyValue('status'),
      url: v.getFirstPropertyValue('url'),
    };
  });
  return { comp, events };
}

function icsOf(inputs: IcsSessionInput[]): string {
  const r = sessionsToIcs(inputs, NOW);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('ICS export', () => {
  it('writes a calendar that an independent parser reads back to the right UTC times', () => {
    const ics = icsOf([
      ev({}),
      ev({ id: 'b', startLocal: '2026-11-02T13:30', durationMinutes: 90 }, 'After the autumn change'),
      ev({ id: 'c', startLocal: '2026-07-01T09:00', timeZone: 'America/Phoenix' }, 'Phoenix'),
      ev({ id: 'd', startLocal: '2026-07-01T09:00', timeZone: 'Europe/London' }, 'London'),
      ev({ id: 'e', startLocal: '2026-12-31T23:00', durationMinutes: 120, timeZone: 'Pacific/Honolulu' }, 'Over new year'),
    ]);
    const { comp, events } = parse(ics);
    expect(comp.getFirstPropertyValue('prodid')).toBe('-//FieldDesk//Training Sessions//EN');
    expect(comp.getFirstPropertyValue('version')).toBe('2.0');
    expect(events.map((e) => [e.summary, e.startUtc, e.endUtc, e.tzid])).toEqual([
      ['Odyssey Case Initiation', '2026-03-10T16:00:00.000Z', '2026-03-10T19:00:00.000Z', 'America/Los_Angeles'],
      ['After the autumn change', '2026-11-02T21:30:00.000Z', '2026-11-02T23:00:00.000Z', 'America/Los_Angeles'],
      ['Phoenix', '2026-07-01T16:00:00.000Z', '2026-07-01T19:00:00.000Z', 'America/Phoenix'],
      ['London', '2026-07-01T08:00:00.000Z', '2026-07-01T11:00:00.000Z', 'Europe/London'],
      ['Over new year', '2027-01-01T09:00:00.000Z', '2027-01-01T11:00:00.000Z', 'Pacific/Honolulu'],
    ]);
    // One VTIMEZONE per zone used, each with its rules.
    const zones = comp.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'));
    expect(zones).toEqual(['America/Los_Angeles', 'America/Phoenix', 'Europe/London', 'Pacific/Honolulu']);
  });

  it('has the required properties, stable UIDs, CRLF line ends and no line over 75 octets', () => {
    const ics = icsOf([ev({ notes: 'Ünïcödé '.repeat(30).trim() }, 'Ü'.repeat(60))]);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:/);
    expect(ics).toContain('\r\nUID:0190c0de-0000-7000-8000-000000000001@training.fielddesk.invalid\r\n');
    expect(ics).toContain('\r\nDTSTAMP:20260201T120000Z\r\n');
    expect(ics).toContain('\r\nDTSTART;TZID=America/Los_Angeles:20260310T090000\r\n');
    expect(ics).toContain('\r\nDTEND;TZID=America/Los_Angeles:20260310T120000\r\n');
    const { events } = parse(ics);
    expect(events[0]!.summary).toBe('Ü'.repeat(60));
    expect(events[0]!.description).toBe('Ünïcödé '.repeat(30).trim());
  });

  it('escapes commas, semicolons, backslashes and newlines so text survives', () => {
    const notes = 'Bring: badge, laptop; charger\nPath C:\\Odyssey\\forms\r\nLast line';
    const { events } = parse(icsOf([ev({ notes, location: 'Room 1, Floor 2; Annex' }, 'Title, with; marks\\')]));
    expect(events[0]).toMatchObject({ summary: 'Title, with; marks\\', location: 'Room 1, Floor 2; Annex', description: 'Bring: badge, laptop; charger\nPath C:\\Odyssey\\forms\nLast line' });
  });

  it('marks cancelled sessions CANCELLED and online ones with their link', () => {
    const { events } = parse(
      icsOf([ev({ status: 'cancelled' }), ev({ id: 'o', location: '', onlineUrl: 'https://teams.example.com/meet/123?p=a,b' }, 'Online')]),
    );
    expect(events.map((e) => e.status)).toEqual(['CANCELLED', 'CONFIRMED']);
    expect(events[1]).toMatchObject({ location: 'https://teams.example.com/meet/123?p=a,b', url: 'https://teams.example.com/meet/123?p=a,b' });
    expect(events[1]!.description).toContain('Join online: https://teams.example.com/meet/123?p=a,b');
  });

  it('uses yearly rules where the zone has them, and the dates where it does not', () => {
    const la = buildVTimezone('America/Los_Angeles', 2025, 2027).join('\n');
    expect(la).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU');
    expect(la).toContain('RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU');
    expect(buildVTimezone('Europe/London', 2025, 2027).join('\n')).toContain('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
    // Egypt restarted DST in 2023 after years without: no single rule fits 2022-2024.
    const cairo = buildVTimezone('Africa/Cairo', 2022, 2024).join('\n');
    expect(cairo).not.toContain('RRULE');
    const { events } = parse(icsOf([ev({ startLocal: '2023-08-01T10:00', timeZone: 'Africa/Cairo' }), ev({ id: 'x', startLocal: '2022-08-01T10:00', timeZone: 'Africa/Cairo' })]));
    expect(events.map((e) => e.startUtc)).toEqual(['2023-08-01T07:00:00.000Z', '2022-08-01T08:00:00.000Z']);
  });

  it('refuses invalid sessions with a message naming the session', () => {
    const r = sessionsToIcs([ev({ startLocal: '2026-03-08T02:30' }, 'Spring class')], NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^"Spring class": .*clocks skip that hour/);
    expect(sessionsToIcs([ev({ timeZone: 'Nowhere/Special' })], NOW).ok).toBe(false);
    expect(sessionsToIcs([], NOW).ok).toBe(false);
  });

  it('round-trips any text through escaping and folding', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const clean = text.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '').replace(/\r\n?/g, '\n'); // eslint-disable-line no-control-regex
        const line = `DESCRIPTION:${escapeIcsText(text)}`;
        const folded = foldLine(line);
        for (const l of folded.split('\r\n')) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
        const cal = `BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n${folded}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
        const parsed = new ICAL.Component(ICAL.parse(cal)).getFirstSubcomponent('vevent')!.getFirstPropertyValue('description');
        expect(parsed ?? '').toBe(clean);
      }),
      { numRuns: 300 },
    );
  });
});
