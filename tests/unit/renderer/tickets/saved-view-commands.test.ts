// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { buildCommands, filterCommands } from '../../../../renderer/src/app/commands';
import { useUi } from '../../../../renderer/src/app/ui-store';
import { ticketCommands } from '../../../../renderer/src/features/tickets/commands';
import { useTicketsUi } from '../../../../renderer/src/features/tickets/store';
import type { SavedView } from '../../../../shared/tickets/views';

const mine: SavedView = { id: '0197a0c2-0000-7000-8000-000000000001', name: 'Kiosks P1', filter: { priorities: ['P1'], text: 'kiosk' }, sort: [{ key: 'due', dir: 'asc' }] };

describe('saved views in the command palette', () => {
  it('lists the person’s views after the built-in ones, and choosing one opens the list with its filter and sort', () => {
    const commands = buildCommands(ticketCommands([mine]));
    const views = commands.filter((c) => c.id.startsWith('tickets.view.')).map((c) => c.title);
    expect(views.at(-1)).toBe('Tickets: Kiosks P1');
    expect(views).toContain('Tickets: All open');
    expect(new Set(commands.map((c) => c.id)).size).toBe(commands.length);

    useUi.getState().navigate('settings');
    const [found] = filterCommands(commands, 'kiosks p1');
    expect(found?.id).toBe(`tickets.view.${mine.id}`);
    found!.run();
    expect(useTicketsUi.getState()).toMatchObject({ viewId: mine.id, filter: mine.filter, sort: mine.sort });
    expect(useUi.getState().route).toBe('tickets');
    expect(location.hash).toBe('#/tickets');
  });

  it('“Save the ticket list as a view…” opens the list and asks for the save dialog', () => {
    useUi.getState().navigate('settings');
    const asked = useTicketsUi.getState().saveViewAsked;
    const [found] = filterCommands(buildCommands(ticketCommands()), 'save view');
    expect(found?.id).toBe('tickets.saveView');
    found!.run();
    expect(useTicketsUi.getState().saveViewAsked).toBe(asked + 1);
    expect(useUi.getState().route).toBe('tickets');
    expect(location.hash).toBe('#/tickets');
  });

  it('remembers the view a changed filter came from, until that view is deleted', () => {
    useTicketsUi.getState().chooseView(mine);
    useTicketsUi.getState().setFilter({ priorities: ['P2'] });
    expect(useTicketsUi.getState()).toMatchObject({ viewId: 'custom', basedOn: mine.id });
    useTicketsUi.getState().forgetView(mine.id);
    expect(useTicketsUi.getState().basedOn).toBe('custom');
  });

  it('offers no saved views when there are none', () => {
    expect(filterCommands(buildCommands(ticketCommands()), 'kiosks p1')).toEqual([]);
  });

  it('forgets a deleted view that was chosen, keeping its filter on screen as unsaved', () => {
    useTicketsUi.getState().chooseView(mine);
    useTicketsUi.getState().forgetView('some-other-view');
    expect(useTicketsUi.getState().viewId).toBe(mine.id);
    useTicketsUi.getState().forgetView(mine.id);
    expect(useTicketsUi.getState()).toMatchObject({ viewId: 'custom', filter: mine.filter, sort: mine.sort });
  });
});
