import { describe, expect, it } from 'vitest';
import { diffForHistory, HistoryEventSchema, namedIds, withIds } from '../../../../shared/tickets/history';
import { historyLine, type HistoryLookups } from '../../../../shared/tickets/history-format';
import { storedSchema } from '../../../../shared/sync/stored-schema';
import { makeTicket } from './fixtures';

const at = '2026-03-10T17:00:00.000Z';
const FIELD = '019a5101-ddf7-7000-8000-00000000000a';
const REGIONAL = '019a5101-ddf7-7000-8000-00000000000b';
const ASSIGNEE = '019a5101-ddf7-7000-8000-00000000000c';

/** The names as they were when the change was written. */
const namesThen: Record<string, string> = { [FIELD]: 'Field team', [REGIONAL]: 'Regional field team', [ASSIGNEE]: 'Ana Ruiz' };

const lookupsNow = (now: Record<string, string>): HistoryLookups => ({
  person: (id) => now[id],
  catalog: (_kind, id) => now[id],
  // The old name is not kept in the record, but it was renamed after the event.
  catalogRenamedAt: () => '2026-06-01T00:00:00.000Z',
  ticketNumber: () => undefined,
  time: (iso) => iso,
});

describe('history events record the names of the time', () => {
  it('a team, assignee, site or system change carries oldLabel/newLabel from the names when written', () => {
    const before = makeTicket({}, {}, { teamId: FIELD });
    const after = { ...before, teamId: REGIONAL, assigneeId: ASSIGNEE, title: 'Changed' };
    const events = diffForHistory(before, after, 'staff-1', 'dev-1', at, (_f, id) => namesThen[id]);
    const team = events.find((e) => e.field === 'teamId')!;
    expect(team).toMatchObject({ old: FIELD, new: REGIONAL, oldLabel: 'Field team', newLabel: 'Regional field team' });
    const assignee = events.find((e) => e.field === 'assigneeId')!;
    expect(assignee).toMatchObject({ old: null, new: ASSIGNEE, newLabel: 'Ana Ruiz' });
    expect(assignee).not.toHaveProperty('oldLabel');
    // Text fields name nothing: no labels.
    expect(events.find((e) => e.field === 'title')).not.toHaveProperty('newLabel');
    expect(namedIds(before, after)).toEqual([
      { field: 'teamId', id: FIELD },
      { field: 'teamId', id: REGIONAL },
      { field: 'assigneeId', id: ASSIGNEE },
    ]);
  });

  it('the synced schema (client and server) keeps the labels, and still takes events without them', () => {
    const before = makeTicket({}, {}, { teamId: FIELD });
    const [event] = withIds(diffForHistory(before, { ...before, teamId: REGIONAL }, 'staff-1', 'dev-1', at, (_f, id) => namesThen[id]), () => '019a5101-ddf7-7000-8000-0000000000ff');
    const stored = storedSchema(HistoryEventSchema).parse(event) as Record<string, unknown>;
    expect(stored.oldLabel).toBe('Field team');
    expect(stored.newLabel).toBe('Regional field team');
    const { oldLabel: _o, newLabel: _n, ...older } = event!;
    expect(storedSchema(HistoryEventSchema).safeParse(older).success).toBe(true);
    expect(HistoryEventSchema.safeParse({ ...event, newLabel: 'x'.repeat(201) }).success).toBe(false);
  });

  it('shows the name of the time, and the current name when it differs', () => {
    const before = makeTicket({}, {}, { teamId: FIELD });
    const [event] = diffForHistory(before, { ...before, teamId: REGIONAL }, 'staff-1', 'dev-1', at, (_f, id) => namesThen[id]);
    // Regional field team has since been renamed Northern field team.
    const now = { ...namesThen, [REGIONAL]: 'Northern field team' };
    expect(historyLine(event!, lookupsNow(now))).toBe('Team: Field team → Regional field team (now Northern field team)');
    // Nothing renamed: said once.
    expect(historyLine(event!, lookupsNow(namesThen))).toBe('Team: Field team → Regional field team');
    // A team since removed from the device: the recorded name still shows.
    expect(historyLine(event!, lookupsNow({}))).toBe('Team: Field team → Regional field team');
    // An older event without labels still resolves names at display time.
    const { oldLabel: _o, newLabel: _n, ...older } = event!;
    expect(historyLine(older, lookupsNow(now))).toBe('Team: Field team (renamed since) → Northern field team (renamed since)');
  });

  it('a person renamed since shows both names', () => {
    const before = makeTicket();
    const [event] = diffForHistory(before, { ...before, assigneeId: ASSIGNEE }, 'staff-1', 'dev-1', at, (_f, id) => namesThen[id]);
    expect(historyLine(event!, lookupsNow({ [ASSIGNEE]: 'Ana Ruiz-Park' }))).toBe('Assignee: — → Ana Ruiz (now Ana Ruiz-Park)');
  });
});
