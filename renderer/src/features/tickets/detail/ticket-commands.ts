import { useMemo } from 'react';
import type { Ticket } from '../../../../../shared/tickets/schema';
import { nextStatuses } from '../../../../../shared/tickets/transitions';
import type { Command } from '../../../app/commands';
import { useContextCommands } from '../../../app/context-commands';
import { useUi } from '../../../app/ui-store';
import type { Desk } from '../useDesk';
import { useTicketActionRequest, type ActionPanel } from './action-request';

/**
 * The palette's commands for the ticket on screen: the actions of its
 * Actions panel (the same forms open, first field focused), assign to me,
 * add a work-log entry, and copy its number or link. Only what the ticket's
 * status allows is offered.
 */
export function useTicketCommands(desk: Desk, ticket: Ticket | null | undefined): void {
  const actor = desk.actor;
  const commands = useMemo((): Command[] => {
    if (!ticket) return [];
    const { id, number } = ticket;
    const next = nextStatuses(ticket.status);
    const active = ticket.status === 'new' || ticket.status === 'open' || ticket.status === 'pending';
    const say = (text: string) => useUi.getState().announce(text);
    const open = (panel: ActionPanel) => () => useTicketActionRequest.getState().ask(id, panel);
    const copy = (text: string, what: string) => () =>
      void navigator.clipboard.writeText(text).then(
        () => say(`Copied ${what}`),
        () => say(`Could not copy ${what}: the system clipboard refused`),
      );
    const list: Command[] = [];
    const add = (c: Omit<Command, 'group' | 'id'> & { id: string }) => list.push({ ...c, id: `ticket.${c.id}`, group: 'This ticket', keywords: `${c.keywords ?? ''} ${number} ticket` });
    if (next.includes('resolved')) add({ id: 'resolve', title: `Resolve ${number}…`, keywords: 'close fix done resolution', run: open('resolve') });
    if (active) add({ id: 'escalate', title: `Escalate ${number}…`, keywords: 'level raise', run: open('escalate') });
    if (active) add({ id: 'priority', title: `Set priority of ${number}…`, keywords: 'override priority P1 P2 P3 P4 urgent', run: open('priority') });
    if (next.includes('pending')) add({ id: 'pending', title: `Set ${number} pending…`, keywords: 'wait waiting hold', run: open('pending') });
    if (active && actor && ticket.assigneeId !== actor.id)
      add({
        id: 'assignToMe',
        title: `Assign ${number} to me`,
        keywords: 'take mine assignee',
        run: () =>
          void desk.repos.tickets.edit(id, { assigneeId: actor.id }).then((r) => say(r.ok ? `${number} assigned to you` : `${number} not assigned: ${r.error.message}`)),
      });
    if (ticket.status !== 'cancelled')
      add({
        id: 'workLog',
        title: `Add a work-log entry to ${number}`,
        keywords: 'note log time update comment',
        run: () => {
          const box = document.querySelector<HTMLTextAreaElement>('form[aria-label="Log work"] textarea');
          box?.scrollIntoView({ block: 'center' });
          box?.focus();
        },
      });
    add({ id: 'copyNumber', title: `Copy the number ${number}`, keywords: 'clipboard', run: copy(number, `the number ${number}`) });
    add({ id: 'copyLink', title: `Copy a link to ${number}`, keywords: 'clipboard url address', run: copy(`${location.origin}${location.pathname}#/tickets/${encodeURIComponent(id)}`, `a link to ${number}`) });
    return list;
  }, [ticket, actor, desk.repos]);
  useContextCommands('ticket', commands);
}
