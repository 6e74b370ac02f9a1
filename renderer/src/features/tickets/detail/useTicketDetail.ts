import { useLiveQuery } from 'dexie-react-hooks';
import type { HistoryEvent } from '../../../../../shared/tickets/history';
import { renamedAt } from '../../../../../shared/tickets/history-format';
import { linksOf } from '../../../../../shared/tickets/links';
import { pickPolicy } from '../../../../../shared/tickets/sla';
import { stripKeys } from '../../../data/repositories/tickets/derive';
import type { Desk } from '../useDesk';

const FIELD_KIND = { teamId: 'team', siteId: 'site', systemId: 'system' } as const;

/** The ids a ticket's history names, by what they are. */
function historyRefs(history: readonly HistoryEvent[]) {
  const refs = { tickets: new Set<string>(), people: new Set<string>(), team: [] as string[], site: [] as string[], system: [] as string[] };
  for (const h of history) {
    for (const v of [h.old, h.new]) {
      if (h.field === 'requesterId' || h.field === 'assigneeId') {
        if (typeof v === 'string') refs.people.add(v);
      } else if (h.field === 'mergedInto' || h.field === 'mergedFrom') {
        if (typeof v === 'string') refs.tickets.add(v);
      } else if ((h.field === 'linkAdded' || h.field === 'linkRemoved') && v && typeof v === 'object' && !Array.isArray(v) && typeof v.other === 'string') refs.tickets.add(v.other);
      else if (h.field in FIELD_KIND && typeof v === 'string') refs[FIELD_KIND[h.field as keyof typeof FIELD_KIND]].push(v);
    }
  }
  return refs;
}

/** Everything the detail screen shows about one ticket, read live. */
export function useTicketDetail(desk: Desk, id: string) {
  const { tables } = desk.repos;
  return useLiveQuery(async () => {
    const row = await tables.tickets.get(id);
    if (!row) return { ticket: null } as const;
    const ticket = stripKeys(row);
    const [workLog, history, linksFrom, linksTo, attachments, requester, policies] = await Promise.all([
      tables.workLog.where('ticketId').equals(id).toArray(),
      tables.history.where('ticketId').equals(id).toArray(),
      tables.links.where('fromId').equals(id).toArray(),
      tables.links.where('toId').equals(id).toArray(),
      tables.attachments.where('ticketId').equals(id).toArray(),
      tables.people.get(ticket.requesterId),
      tables.slaPolicies.toArray(),
    ]);
    const links = [...linksFrom, ...linksTo].filter((l) => !l.deleted);
    const policy = pickPolicy(ticket, policies);
    const calendar = policy ? ((await tables.calendars.get(policy.calendarId)) ?? null) : null;
    // Tickets, people and catalog records the history names, so it shows names and numbers, not ids.
    const named = historyRefs(history);
    const otherIds = [...new Set([...links.flatMap((l) => [l.fromId, l.toId]), ticket.mergedInto ?? '', ...named.tickets].filter((x) => x && x !== id))];
    const others = (await tables.tickets.bulkGet(otherIds)).filter((x) => x !== undefined);
    const authorIds = [...new Set([...workLog.map((e) => e.authorId), ...history.map((h) => h.by), ticket.assigneeId ?? '', ...named.people])].filter(Boolean);
    const [authors, teams, sites, systems] = await Promise.all([
      tables.people.bulkGet(authorIds).then((r) => r.filter((x) => x !== undefined)),
      // Removed records too (bulkGet returns tombstones): the history still names them.
      tables.teams.bulkGet(named.team).then((r) => r.filter((x) => x !== undefined)),
      tables.sites.bulkGet(named.site).then((r) => r.filter((x) => x !== undefined)),
      tables.systems.bulkGet(named.system).then((r) => r.filter((x) => x !== undefined)),
    ]);
    return {
      ticket,
      workLog: workLog.filter((e) => !e.deleted),
      history,
      links,
      /** Every link record of this ticket, removed ones included: the history's link events read their direction here. */
      allLinks: [...linksFrom, ...linksTo],
      catalogNames: {
        team: new Map(teams.map((r) => [r.id, { name: r.name, renamedAt: renamedAt(r.stamps) }])),
        site: new Map(sites.map((r) => [r.id, { name: r.name, renamedAt: renamedAt(r.stamps) }])),
        system: new Map(systems.map((r) => [r.id, { name: r.name, renamedAt: renamedAt(r.stamps) }])),
      },
      linkView: linksOf(id, links),
      attachments: attachments.filter((a) => !a.deleted),
      requester: requester ?? null,
      policy,
      calendar,
      numbers: new Map(others.map((o) => [o.id, o.number])),
      people: new Map(authors.map((p) => [p.id, p.name])),
    };
  }, [tables, id]);
}
export type TicketDetailData = NonNullable<ReturnType<typeof useTicketDetail>>;
