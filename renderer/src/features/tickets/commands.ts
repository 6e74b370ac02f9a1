import type { Command } from '../../app/commands';
import { useUi } from '../../app/ui-store';
import { goToNew } from './route';
import { useTicketsUi, VIEWS } from './store';

/**
 * Palette entries of the tickets feature. The app builds the palette with
 * `buildCommands(extra)`; passing `ticketCommands()` there lists them.
 */
export function ticketCommands(): Command[] {
  const open = (hash: string) => {
    useUi.getState().navigate('tickets');
    location.hash = hash;
  };
  return [
    { id: 'tickets.new', title: 'New ticket', group: 'Create', keywords: 'create incident request call', run: () => (useUi.getState().navigate('tickets'), goToNew()) },
    ...VIEWS.map(
      (v): Command => ({
        id: `tickets.view.${v.id}`,
        title: `Tickets: ${v.name}`,
        group: 'View',
        keywords: 'ticket view queue',
        run: () => {
          useTicketsUi.getState().chooseView(v);
          open('#/tickets');
        },
      }),
    ),
  ];
}
