import { useEffect } from 'react';
import { create } from 'zustand';
import type { Command } from './commands';

/**
 * Commands about what is open on screen (the ticket being read), offered by
 * the palette first while it is open. A screen registers them with
 * `useContextCommands(source, commands)`; they go away when it closes.
 * UI state only: the commands call the screen's own repositories.
 */
export const useContextCommandStore = create<{ bySource: Record<string, Command[]>; put(source: string, commands: Command[]): void; remove(source: string): void }>((set) => ({
  bySource: {},
  put: (source, commands) => set((s) => ({ bySource: { ...s.bySource, [source]: commands } })),
  remove: (source) =>
    set((s) => {
      const { [source]: _gone, ...rest } = s.bySource;
      return { bySource: rest };
    }),
}));

export function useContextCommands(source: string, commands: Command[]): void {
  useEffect(() => {
    useContextCommandStore.getState().put(source, commands);
  }, [source, commands]);
  useEffect(() => () => useContextCommandStore.getState().remove(source), [source]);
}
