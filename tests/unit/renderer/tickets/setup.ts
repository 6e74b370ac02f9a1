import 'fake-indexeddb/auto';
import { openDatabase, type FieldDeskDb } from '../../../../renderer/src/data/db';
import { peopleRepository } from '../../../../renderer/src/data/repositories/people';
import { ticketRepositories } from '../../../../renderer/src/data/repositories/tickets';
import { BusinessCalendarSchema } from '../../../../shared/tickets/calendar';
import { RoutingRuleSchema } from '../../../../shared/tickets/routing';
import { SlaPolicySchema } from '../../../../shared/tickets/sla';
import { waitingCount } from '../../../../renderer/src/sync/pending';

let n = 0;
export const opened: FieldDeskDb[] = [];

export async function closeAll(): Promise<void> {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
}

const nine2five = [{ start: '08:00', end: '17:00' }];

/**
 * A fresh database with a calendar, a default SLA policy, a routing rule and
 * a requester, and repositories on a clock that advances one minute per call.
 */
export async function freshDesk(start = '2025-03-03T17:00:00.000Z') {
  const db = await openDatabase(`tickets-test-${++n}-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  let clock = Date.parse(start);
  const now = () => new Date((clock += 60_000)).toISOString();
  const actor = { id: 'staff-jordan', name: 'Jordan Avila' };
  const repos = ticketRepositories(db, { now, actor: async () => actor });
  const calendar = BusinessCalendarSchema.parse({ id: 'cal-1', name: 'Court hours', timeZone: 'America/Los_Angeles', week: { mon: nine2five, tue: nine2five, wed: nine2five, thu: nine2five, fri: nine2five } });
  const policy = SlaPolicySchema.parse({
    id: 'pol-1',
    name: 'Standard',
    calendarId: 'cal-1',
    isDefault: true,
    targets: {
      P1: { firstResponseMinutes: 30, resolutionMinutes: 240 },
      P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
      P3: { firstResponseMinutes: 240, resolutionMinutes: 960 },
      P4: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
    },
  });
  const rule = RoutingRuleSchema.parse({ id: 'rule-1', name: 'E-filing to apps', systemId: 'sys-efile', teamId: 'team-apps' });
  await repos.tables.calendars.put(calendar);
  await repos.tables.slaPolicies.put(policy);
  await repos.tables.routingRules.put(rule);
  const person = await peopleRepository(db).create({ name: 'Ana Méndez', email: 'ana@court.example', agency: 'Superior Court of Fresno' });
  if (!person.ok) throw new Error(person.error.message);
  await db.outbox.clear();
  return { db, repos, requester: person.value, actor, now };
}

/** A fresh desk (freshDesk) with `n` alike new tickets, and their ids. */
export async function deskWithTickets(n: number) {
  const desk = await freshDesk();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const created = await desk.repos.tickets.create({ title: 'Jury kiosk frozen', description: 'Touch screen stops answering after lunch', requesterId: desk.requester.id });
    if (!created.ok) throw new Error(created.error.message);
    ids.push(created.value.ticket.id);
  }
  return { ...desk, ids };
}

/** Counts of the rows a write may touch, to prove a refused write left nothing. */
export async function counts(db: FieldDeskDb) {
  const [tickets, history, workLog, outbox, links] = await Promise.all([
    db.table('tickets').count(),
    db.table('ticketHistory').count(),
    db.table('workLog').count(),
    waitingCount(db),
    db.table('ticketLinks').count(),
  ]);
  return { tickets, history, workLog, outbox, links };
}
