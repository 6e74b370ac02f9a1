import type { SavedView } from '../../../../shared/tickets/views';
import type { Command } from '../../app/commands';
import { useUi } from '../../app/ui-store';
import { goToNew } from './route';
import { useTicketsUi, VIEWS } from './store';

/**
 * Palette entries of the tickets feature. The app builds the palette with
 * `buildCommands(extra)`; passing `ticketCommands(savedViews)` there lists
 * them, the person's own views after the built-in ones.
 */
export function ticketCommands(savedViews: readonly SavedView[] = []): Command[] {
  const open = (hash: string) => {
    useUi.getState().navigate('tickets');
    location.hash = hash;
  };
  return [
    { id: 'tickets.new', title: 'New ticket', group: 'Create', keywords: 'create incident request call', run: () => (useUi.getState().navigate('tickets'), goToNew()) },
    {
      id: 'tickets.saveView',
      title: 'Save the ticket list as a view…',
      group: 'Create',
      keywords: 'saved view filter sort name keep',
      run: () => {
        open('#/tickets');
        useTicketsUi.getState().askToSaveView();
      },
    },
    {
      id: 'tickets.sample',
      title: 'Sample data (Settings)',
      group: 'Go to',
      keywords: 'demo example training explore load generate',
      run: () => {
        useUi.getState().navigate('settings');
        // The screen renders on the next frame; then bring the section into view with its button focused.
        requestAnimationFrame(() => {
          const title = document.getElementById('sample-data-title');
          title?.scrollIntoView({ block: 'start' });
          title?.parentElement?.querySelector<HTMLButtonElement>('button')?.focus();
        });
      },
    },
    ...[...VIEWS, ...savedViews].map(
      (v): Command => ({
        id: `tickets.view.${v.id}`,
        title: `Tickets: ${v.name}`,
        group: 'View',
        keywords: 'ticket view queue saved filter',
        run: () => {
          useTicketsUi.getState().chooseView(v);
          open('#/tickets');
        },
      }),
    ),
  ];
}
