import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, freshDesk } from './setup';

afterEach(closeAll);

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('a ticket edit records the names of the time in its history', () => {
  it('a team change keeps both teams’ names as they were; an assignee change the person’s', async () => {
    const { repos, requester } = await freshDesk();
    const stamp = { stamps: {}, deleted: 0 as const };
    await repos.tables.teams.bulkPut([
      { id: 'team-field', name: 'Field team', memberIds: [], ...stamp },
      { id: 'team-regional', name: 'Regional field team', memberIds: [], ...stamp },
    ] as never);
    const { ticket } = ok(await repos.tickets.create({ title: 'Kiosk offline', requesterId: requester.id }));
    ok(await repos.tickets.edit(ticket.id, { teamId: 'team-field' }));
    ok(await repos.tickets.edit(ticket.id, { teamId: 'team-regional', assigneeId: requester.id }));
    const history = await repos.tables.history.where('ticketId').equals(ticket.id).toArray();
    const teamChanges = history.filter((h) => h.field === 'teamId');
    expect(teamChanges.at(-1)).toMatchObject({ old: 'team-field', new: 'team-regional', oldLabel: 'Field team', newLabel: 'Regional field team' });
    expect(history.find((h) => h.field === 'assigneeId')).toMatchObject({ newLabel: 'Ana Méndez' });
  });
});
