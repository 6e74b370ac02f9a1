import { useSyncExternalStore } from 'react';

/** `#/people` is the directory; `#/people/<id>` is one person's page. */
export function personIdFromHash(hash: string): string | null {
  const parts = hash.replace(/^#\/?/, '').split('?')[0]!.split('/');
  return parts[0] === 'people' && parts[1] ? decodeURIComponent(parts[1]) : null;
}

export const personHref = (id: string): string => `#/people/${encodeURIComponent(id)}`;

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function usePersonRoute(): string | null {
  return personIdFromHash(useSyncExternalStore(subscribe, () => location.hash));
}
