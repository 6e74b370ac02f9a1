import { useLiveQuery } from 'dexie-react-hooks';
import { linksOf } from '../../../../../shared/tickets/links';
import { pickPolicy } from '../../../../../shared/tickets/sla';
import { stripKeys } from '../../../data/repositories/tickets/derive';
import type { Desk } from '../useDesk';

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
    const otherIds = [...new Set([...links.flatMap((l) => [l.fromId, l.toId]), ticket.mergedInto ?? ''].filter((x) => x && x !== id))];
    const others = (await tables.tickets.bulkGet(otherIds)).filter((x) => x !== undefined);
    const authorIds = [...new Set([...workLog.map((e) => e.authorId), ...history.map((h) => h.by), ticket.assigneeId ?? ''])].filter(Boolean);
    const authors = (await tables.people.bulkGet(authorIds)).filter((x) => x !== undefined);
    return {
      ticket,
      workLog: workLog.filter((e) => !e.deleted),
      history,
      links,
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
