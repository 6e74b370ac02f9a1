import { describe, expect, it } from 'vitest';
import { formatHistoryEvent, historyLine, renamedAt, type HistoryLookups } from '../../../../shared/tickets/history-format';

const at = '2026-03-10T17:00:00.000Z';
const TEAM_A = '019a5101-ddf7-7000-8000-000000000001';
const TEAM_B = '019a5101-ddf7-7000-8000-000000000002';
const T1 = '01a241c8-0000-7000-8000-000000000001';
const T2 = '01a241c8-0000-7000-8000-000000000002';

const lookups: HistoryLookups = {
  person: (id) => ({ p1: 'Ana Ruiz', p2: 'Ben Cho' })[id],
  catalog: (kind, id) => (kind === 'team' ? { [TEAM_A]: 'Service desk', [TEAM_B]: 'Field operations' }[id] : kind === 'site' ? { s1: 'Hall of Justice' }[id] : { y1: 'Odyssey' }[id]),
  ticketNumber: (id) => ({ [T1]: 'KX7Q-00041', [T2]: 'KX7Q-00042' })[id],
  linkSide: (ticketId, other, kind) => (kind === 'parent' && ticketId === T1 && other === T2 ? 'from' : kind === 'parent' && ticketId === T2 && other === T1 ? 'to' : undefined),
  time: (iso) => `time(${iso})`,
};
const ev = (field: string, old: unknown, nu: unknown, ticketId = T1) => ({ ticketId, field, old: old as never, new: nu as never, at });
const line = (field: string, old: unknown, nu: unknown, ticketId = T1, l = lookups) => historyLine(ev(field, old, nu, ticketId), l);

describe('ticket history in the words of the screens', () => {
  it('teams, sites and systems by name, never by id', () => {
    expect(line('teamId', TEAM_A, TEAM_B)).toBe('Team: Service desk → Field operations');
    expect(line('siteId', null, 's1')).toBe('Site: — → Hall of Justice');
    expect(line('systemId', 'y1', null)).toBe('System: Odyssey → —');
    // One not on this device (removed and purged, or not synced yet) is said so, still without its id.
    expect(line('teamId', TEAM_A, '019a5101-ffff-7000-8000-000000000009')).toBe('Team: Service desk → a team not on this device');
  });

  it('a renamed team shows its current name, and the name it had then where known', () => {
    const withPast: HistoryLookups = { ...lookups, catalogNameAt: (kind, id) => (kind === 'team' && id === TEAM_A ? 'Help desk' : undefined) };
    expect(line('teamId', TEAM_A, TEAM_B, T1, withPast)).toBe('Team: Service desk (then Help desk) → Field operations');
    // The same name then and now is said once.
    const same: HistoryLookups = { ...lookups, catalogNameAt: (_k, id) => lookups.catalog('team', id) };
    expect(line('teamId', TEAM_A, TEAM_B, T1, same)).toBe('Team: Service desk → Field operations');
  });

  it('a team renamed after the event, whose old name is not known, is said to have been renamed since', () => {
    const stamp = (iso: string) => `${String(Date.parse(iso)).padStart(15, '0')}:000000:dev-1`;
    const made = { id: stamp('2026-01-01T00:00:00.000Z'), name: stamp('2026-01-01T00:00:00.000Z'), memberIds: stamp('2026-01-01T00:00:00.000Z') };
    expect(renamedAt(made)).toBeNull();
    expect(renamedAt({})).toBeNull();
    const renamed = { ...made, name: stamp('2026-04-01T00:00:00.000Z') };
    expect(renamedAt(renamed)).toBe('2026-04-01T00:00:00.000Z');
    const l: HistoryLookups = { ...lookups, catalogRenamedAt: (kind, id) => (kind === 'team' && id === TEAM_B ? renamedAt(renamed) : null) };
    expect(line('teamId', TEAM_A, TEAM_B, T1, l)).toBe('Team: Service desk → Field operations (renamed since)'); // event at 2026-03-10
    // Renamed before the event: it was already called that.
    const earlier: HistoryLookups = { ...lookups, catalogRenamedAt: () => '2026-02-01T00:00:00.000Z' };
    expect(line('teamId', TEAM_A, TEAM_B, T1, earlier)).toBe('Team: Service desk → Field operations');
  });

  it('codes as the labels the forms use', () => {
    expect(line('channel', 'phone', 'walk_in')).toBe('Channel: Phone → Walk-in');
    expect(line('type', 'incident', 'service_request')).toBe('Type: Incident → Service request');
    expect(line('status', 'open', 'pending')).toBe('Status: Open → Pending');
    expect(line('pendingReason', null, 'waiting_on_requester')).toBe('Pending reason: — → Waiting on requester');
    expect(line('impact', 'low', 'medium')).toBe('Impact: Low → Medium');
    expect(line('priority', 'P3', 'P1')).toBe('Priority: P3 medium → P1 critical');
    expect(line('priorityOverride', null, { priority: 'P1', reason: 'Court in session' })).toBe('Priority override: — → P1 critical (Court in session)');
    expect(line('resolution', null, { code: 'configuration_change', text: 'Reset the printer queue' })).toBe('Resolution: — → Configuration change: Reset the printer queue');
    expect(line('assigneeId', null, 'p2')).toBe('Assignee: — → Ben Cho');
    expect(line('requesterId', 'p1', 'gone')).toBe('Requester: Ana Ruiz → someone not in the directory');
    expect(line('resolvedAt', null, at)).toBe(`Resolved at: — → time(${at})`);
  });

  it('links and merges with ticket numbers the timeline can open', () => {
    expect(line('linkAdded', null, { kind: 'related', other: T2 })).toBe('Link added: related to KX7Q-00042');
    expect(line('linkAdded', null, { kind: 'parent', other: T2 }, T1)).toBe('Link added: parent of KX7Q-00042');
    expect(line('linkRemoved', { kind: 'parent', other: T1 }, null, T2)).toBe('Link removed: child of KX7Q-00041');
    expect(line('mergedFrom', null, T1, T2)).toBe('Merged in: KX7Q-00041, merged into this ticket');
    expect(line('mergedInto', null, T2)).toBe('Merged into: KX7Q-00042');
    const link = formatHistoryEvent(ev('linkAdded', null, { kind: 'related', other: T2 }), lookups);
    expect(link).toMatchObject({ kind: 'event', value: { lead: 'related to ', text: 'KX7Q-00042', ticketId: T2 } });
    const merged = formatHistoryEvent(ev('mergedFrom', null, T1, T2), lookups);
    expect(merged).toMatchObject({ kind: 'event', value: { ticketId: T1 } });
    // A ticket not on this device: no number to show, no link to follow, and still no id.
    const far = formatHistoryEvent(ev('mergedFrom', null, '01a241c8-0000-7000-8000-00000000000f', T2), lookups);
    expect(far).toEqual({ label: 'Merged in', kind: 'event', value: { text: 'a ticket not on this device', tail: ', merged into this ticket' } });
  });

  it('no line of a mixed history shows an id or a code', () => {
    const lines = [
      line('teamId', TEAM_A, TEAM_B),
      line('channel', 'phone', 'walk_in'),
      line('type', 'incident', 'service_request'),
      line('linkAdded', null, { kind: 'related', other: T2 }),
      line('mergedFrom', null, T1, T2),
      line('pendingReason', 'waiting_on_vendor', 'change_window'),
    ].join('\n');
    expect(lines).not.toMatch(/019a|01a2|walk_in|service_request|waiting_on|change_window/);
  });

  it('created says the number; fields this version does not know are shown as stored', () => {
    expect(line('created', null, 'KX7Q-00042')).toBe('Created KX7Q-00042');
    expect(line('futureField', 'a', 'b')).toBe('futureField: a → b');
  });
});
