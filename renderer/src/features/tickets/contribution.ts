import { useMemo } from 'react';
import { defineScreenFeature } from '../../app/feature';
import { useData } from '../../app/data-context';
import { ticketCommands } from './commands';
import { TicketsScreen } from './TicketsScreen';
import { useSavedViews } from './useSavedViews';

/** The help desk in the frame (registered in renderer/src/features/index.ts). */
export const ticketsScreen = defineScreenFeature({
  id: 'tickets',
  route: { id: 'tickets', label: 'Tickets', order: 10, shortcut: 'Mod+1', Screen: TicketsScreen },
  useCommands() {
    // The person's saved views are read live, so one saved, renamed or deleted is in the palette at once.
    const savedViews = useSavedViews(useData().db).views;
    return useMemo(() => ticketCommands(savedViews), [savedViews]);
  },
});
