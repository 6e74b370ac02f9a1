import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../../shared/tickets/schema';
import { closeAll, counts, freshDesk } from './setup';
import { waitingOps } from '../../../../renderer/src/sync/pending';

afterEach(closeAll);

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('ticket repositories', () => {
  it('creates a ticket with a device number, the matrix priority, a routed team and due times; ticket, history and outbox together', async () => {
    const { db, repos, requester } = await freshDesk();
    const { ticket, route } = ok(await repos.tickets.create({ title: 'E-filing rejects PDFs', requesterId: requester.id, systemId: 'sys-efile', impact: 'high', urgency: 'medium' }));
    expect(ticket.number).toMatch(/^[A-Z][0-9A-Z]{3}-00001$/);
    expect(ticket.priority).toBe('P2');
    expect(ticket.teamId).toBe('team-apps');
    expect(route?.ruleId).toBe('rule-1');
    expect(ticket.firstResponseDue).not.toBeNull();
    expect(ticket.words).toEqual(expect.arrayContaining(['mendez', 'filing', 'pdfs']));
    const row = await repos.tables.tickets.get(ticket.id);
    expect(row?.assigneeKey).toBe('-');
    expect(row?.due).toBe(ticket.firstResponseDue);
    const history = await repos.tables.history.where('ticketId').equals(ticket.id).toArray();
    expect(history.map((h) => h.field)).toEqual(['created']);
    expect(history[0]!.by).toBe('staff-jordan');
    expect(history[0]!.device).toBe(db.device.get().deviceId);
    const outbox = await waitingOps(db);
    expect(outbox.map((o) => o.table).sort()).toEqual(['ticketHistory', 'tickets']);
    const ticketOp = outbox.find((o) => o.table === 'tickets')!;
    expect(Object.keys(ticketOp.fields)).not.toContain('words');
    expect(Object.keys(ticketOp.fields)).not.toContain('assigneeKey');
    // The second ticket takes the next number of the same device.
    const second = ok(await repos.tickets.create({ title: 'Printer jam', requesterId: requester.id }));
    expect(second.ticket.number.slice(0, 5)).toBe(ticket.number.slice(0, 5));
    expect(second.ticket.number.endsWith('-00002')).toBe(true);
  });

  it('refuses invalid input with a message per field and writes nothing', async () => {
    const { db, repos, requester } = await freshDesk();
    const before = await counts(db);
    const empty = await repos.tickets.create({ title: '   ', requesterId: requester.id });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error.fields?.title).toBe('Title is required');
    const huge = await repos.tickets.create({ title: 'Paste', description: 'x'.repeat(10 * 1024 * 1024), requesterId: requester.id });
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error.fields?.description).toMatch(/too long: 10,485,760 characters, the limit is 100,000/);
    const control = await repos.tickets.create({ title: 'Bell\u0007', requesterId: requester.id });
    expect(!control.ok && control.error.fields?.title).toMatch(/control character \(U\+0007\)/);
    const lone = await repos.tickets.create({ title: 'Broken \uD800 text', requesterId: requester.id });
    expect(!lone.ok && lone.error.fields?.title).toMatch(/lone UTF-16 surrogate/);
    const nobody = await repos.tickets.create({ title: 'Who?', requesterId: 'no-such-person' });
    expect(!nobody.ok && nobody.error.fields?.requesterId).toMatch(/Choose a requester/);
    expect(await counts(db)).toEqual(before);
    // Nothing consumed a ticket number either.
    const first = ok(await repos.tickets.create({ title: 'First real one', requesterId: requester.id }));
    expect(first.ticket.number.endsWith('-00001')).toBe(true);
  });

  it('keeps unusual Unicode intact (NFC) and finds it by folded words', async () => {
    const { repos, requester } = await freshDesk();
    const title = 'Zoë’s 日本語 printer 🖨️ e\u0301tude';
    const { ticket } = ok(await repos.tickets.create({ title, requesterId: requester.id }));
    expect(ticket.title).toBe(title.normalize('NFC'));
    expect(ticket.words).toEqual(expect.arrayContaining(['zoe', 'etude', '日本語']));
  });

  it('edits write the ticket, one history event per changed field and the outbox in one transaction', async () => {
    const { db, repos, requester } = await freshDesk();
    const { ticket } = ok(await repos.tickets.create({ title: 'VPN drops', requesterId: requester.id }));
    await db.outbox.clear();
    const saved = ok(await repos.tickets.edit(ticket.id, { impact: 'high', urgency: 'high', tags: ['VPN', 'remote'] }));
    expect(saved.ticket.priority).toBe('P1');
    expect(saved.ticket.tags).toEqual(['vpn', 'remote']);
    const events = await repos.tables.history.where('ticketId').equals(ticket.id).toArray();
    expect(events.map((e) => e.field).sort()).toEqual(['created', 'impact', 'priority', 'tags', 'urgency']);
    expect(events.find((e) => e.field === 'priority')).toMatchObject({ old: 'P3', new: 'P1' });
    const outbox = await waitingOps(db);
    expect(outbox.filter((o) => o.table === 'tickets')).toHaveLength(1);
    expect(outbox.filter((o) => o.table === 'ticketHistory')).toHaveLength(4); // one per appended event
    // A bad edit writes nothing at all.
    const before = await counts(db);
    const bad = await repos.tickets.edit(ticket.id, { title: 'x'.repeat(201) });
    expect(!bad.ok && bad.error.fields?.title).toMatch(/too long/);
    const sneaky = await repos.tickets.edit(ticket.id, { status: 'closed' } as never);
    expect(!sneaky.ok && sneaky.error.message).toMatch(/cannot be changed by an edit/);
    expect(await counts(db)).toEqual(before);
  });

  it('walks triage, escalation, pending, resolve, reopen and close with history for each step, and refuses an illegal move without writing', async () => {
    const { db, repos, requester, actor } = await freshDesk();
    const { ticket } = ok(await repos.tickets.create({ title: 'Case management is slow', requesterId: requester.id }));
    ok(await repos.tickets.edit(ticket.id, { assigneeId: actor.id }));
    ok(await repos.tickets.transition(ticket.id, 'open'));
    const esc = ok(await repos.tickets.escalate(ticket.id, { reason: 'Vendor needed', toLevel: 2 }));
    expect(esc.ticket.escalation).toMatchObject({ level: 2, reason: 'Vendor needed', by: actor.id });
    const noReason = await repos.tickets.transition(ticket.id, 'pending', {});
    expect(!noReason.ok && noReason.error.fields?.pendingReason).toBe('Choose a pending reason');
    const pending = ok(await repos.tickets.transition(ticket.id, 'pending', { pendingReason: 'waiting_on_vendor' }));
    expect(pending.ticket.resolutionDue).toBeNull(); // the clock is paused
    ok(await repos.tickets.transition(ticket.id, 'open'));
    const noResolution = await repos.tickets.transition(ticket.id, 'resolved', {});
    expect(noResolution.ok).toBe(false);
    const resolved = ok(await repos.tickets.transition(ticket.id, 'resolved', { resolution: { code: 'vendor_fix', text: 'Vendor patched the index' } }));
    expect(resolved.ticket.resolvedAt).not.toBeNull();
    ok(await repos.tickets.transition(ticket.id, 'open'));
    ok(await repos.tickets.transition(ticket.id, 'resolved', { resolution: { code: 'fixed', text: 'Rebuilt the index' } }));
    const closed = ok(await repos.tickets.transition(ticket.id, 'closed'));
    expect(closed.ticket.reopenCount).toBe(1);
    const before = await counts(db);
    const illegal = await repos.tickets.transition(ticket.id, 'open');
    expect(!illegal.ok && illegal.error.message).toMatch(/final/);
    expect(await counts(db)).toEqual(before);
    const statuses = (await repos.tables.history.where('ticketId').equals(ticket.id).toArray()).filter((e) => e.field === 'status').map((e) => `${String(e.old)}→${String(e.new)}`);
    expect(statuses).toEqual(['new→open', 'open→pending', 'pending→open', 'open→resolved', 'resolved→open', 'open→resolved', 'resolved→closed']);
  });

  it('logs work append-only: the first public response stops the first-response clock and the words are searchable', async () => {
    const { repos, requester } = await freshDesk();
    const { ticket } = ok(await repos.tickets.create({ title: 'Scanner offline', requesterId: requester.id }));
    ok(await repos.workLog.add(ticket.id, { kind: 'internal_note', body: 'Checked the driver', minutes: 5 }));
    expect((await repos.tickets.get(ticket.id))!.firstRespondedAt).toBeNull();
    ok(await repos.workLog.add(ticket.id, { kind: 'phone_call', body: 'Called the clerk about the firmware', minutes: 10 }));
    const after = (await repos.tickets.get(ticket.id))!;
    expect(after.firstRespondedAt).not.toBeNull();
    expect(after.words).toEqual(expect.arrayContaining(['firmware', 'driver', 'scanner']));
    const bad = await repos.workLog.add(ticket.id, { kind: 'phone_call', body: '', minutes: -3 });
    expect(bad.ok).toBe(false);
    expect(await repos.tables.workLog.where('ticketId').equals(ticket.id).count()).toBe(2);
  });

  it('merges a duplicate: copies its work log, closes it with a pointer and links them, atomically', async () => {
    const { db, repos, requester } = await freshDesk();
    const dup = ok(await repos.tickets.create({ title: 'Printer down (2nd call)', requesterId: requester.id })).ticket;
    const target = ok(await repos.tickets.create({ title: 'Printer down', requesterId: requester.id })).ticket;
    ok(await repos.workLog.add(dup.id, { kind: 'phone_call', body: 'Second caller, same printer', minutes: 4 }));
    const merged = ok(await repos.links.merge(dup.id, target.id));
    expect(merged.copied).toBe(1);
    const closedDup = (await repos.tickets.get(dup.id)) as Ticket;
    expect(closedDup).toMatchObject({ status: 'closed', mergedInto: target.id });
    const targetEntries = await repos.tables.workLog.where('ticketId').equals(target.id).toArray();
    expect(targetEntries).toHaveLength(2);
    expect(targetEntries.some((e) => e.copiedFrom?.ticketId === dup.id)).toBe(true);
    const links = await repos.tables.links.toArray();
    expect(links).toEqual([expect.objectContaining({ fromId: dup.id, toId: target.id, kind: 'duplicate' })]);
    expect((await repos.tables.history.where('ticketId').equals(target.id).toArray()).map((e) => e.field)).toContain('mergedFrom');
    expect((await repos.tickets.get(target.id))!.words).toContain('caller');
    const before = await counts(db);
    const again = await repos.links.merge(dup.id, target.id);
    expect(!again.ok && again.error.message).toMatch(/already been merged/);
    const self = await repos.links.merge(target.id, target.id);
    expect(self.ok).toBe(false);
    expect(await counts(db)).toEqual(before);
  });

  it('links tickets and refuses loops', async () => {
    const { repos, requester } = await freshDesk();
    const a = ok(await repos.tickets.create({ title: 'Outage', requesterId: requester.id })).ticket;
    const b = ok(await repos.tickets.create({ title: 'Call about outage', requesterId: requester.id })).ticket;
    ok(await repos.links.link(a.id, b.id, 'parent'));
    const loop = await repos.links.link(b.id, a.id, 'parent');
    expect(loop.ok).toBe(false);
    expect((await repos.links.ticketsNumbered(b.number.toLowerCase())).map((x) => x.id)).toEqual([b.id]);
  });

  it('bulk edits assign, tag and re-prioritise many tickets, skipping the ones the rules refuse', async () => {
    const { db, repos, requester } = await freshDesk();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(ok(await repos.tickets.create({ title: `Bulk ${i}`, requesterId: requester.id })).ticket.id);
    ok(await repos.tickets.transition(ids[2]!, 'cancelled'));
    const res = ok(await repos.tickets.bulkEdit(ids, { assigneeId: 'staff-kim', addTags: ['Outage'], priority: { priority: 'P1', reason: 'Whole courthouse down' } }));
    expect(res.changed).toBe(2);
    expect(res.skipped).toEqual([expect.objectContaining({ message: expect.stringMatching(/cannot be edited/) })]);
    const rows = await repos.tables.tickets.bulkGet(ids);
    expect(rows.slice(0, 2).map((r) => [r!.assigneeKey, r!.priority, r!.tags])).toEqual([
      ['staff-kim', 'P1', ['outage']],
      ['staff-kim', 'P1', ['outage']],
    ]);
    const before = await counts(db);
    const bad = await repos.tickets.bulkEdit(ids, { priority: { priority: 'P2', reason: '' } });
    expect(bad.ok).toBe(false);
    expect(await counts(db)).toEqual(before);
  });

  it('loads sample data through the change log, with progress, and cancel stops between chunks', async () => {
    const { db, repos } = await freshDesk();
    const seen: number[] = [];
    const loaded = ok(await repos.sampleData.load({ tickets: 60, people: 30, workLogEntries: 120, chunkSize: 20, onProgress: (p) => seen.push(p.done) }));
    expect(loaded).toMatchObject({ tickets: 60, cancelled: false });
    expect(await repos.tables.tickets.count()).toBe(60);
    expect(seen.length).toBeGreaterThan(3);
    const outboxTables = new Set((await waitingOps(db)).map((o) => o.table));
    expect([...outboxTables]).toEqual(expect.arrayContaining(['tickets', 'workLog', 'people', 'sites', 'ticketHistory']));
    expect((await waitingOps(db)).filter((o) => o.table === 'tickets')).toHaveLength(60);

    const { repos: other } = await freshDesk();
    const controller = new AbortController();
    const partial = ok(await other.sampleData.load({ tickets: 100, people: 30, chunkSize: 20, onProgress: (p) => p.done > 150 && controller.abort(), signal: controller.signal }));
    expect(partial.cancelled).toBe(true);
    expect(await other.tables.tickets.count()).toBeLessThan(100);
  });
});
