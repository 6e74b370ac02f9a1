import { useSyncExternalStore } from 'react';

/** Where in the tickets screen we are: the hash is `#/tickets`, `#/tickets/new` or `#/tickets/<id>`. */
export type TicketsRoute = { kind: 'list' } | { kind: 'new' } | { kind: 'detail'; id: string };

export function parseTicketsHash(hash: string): TicketsRoute {
  const parts = hash.replace(/^#\/?/, '').split(/[?]/)[0]!.split('/');
  if (parts[0] !== 'tickets' || !parts[1]) return { kind: 'list' };
  if (parts[1] === 'new') return { kind: 'new' };
  return { kind: 'detail', id: decodeURIComponent(parts[1]) };
}

export const goToList = () => (location.hash = '#/tickets');
export const goToNew = () => (location.hash = '#/tickets/new');
export const goToTicket = (id: string) => (location.hash = `#/tickets/${encodeURIComponent(id)}`);

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useTicketsRoute(): TicketsRoute {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseTicketsHash(hash);
}

/** Keys typed into a field are text, not commands. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
  return false;
}
