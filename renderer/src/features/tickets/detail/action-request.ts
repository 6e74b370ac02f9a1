import { create } from 'zustand';

/** The action forms of a ticket (Actions.tsx) that a command can open. */
export type ActionPanel = 'pending' | 'resolve' | 'escalate' | 'priority' | 'merge';

/**
 * UI state only: the command palette asks the open ticket's Actions panel to
 * open one of its forms. Each ask is a new object, so asking twice opens twice.
 */
export const useTicketActionRequest = create<{ asked: { ticketId: string; panel: ActionPanel } | null; ask(ticketId: string, panel: ActionPanel): void }>((set) => ({
  asked: null,
  ask: (ticketId, panel) => set({ asked: { ticketId, panel } }),
}));
