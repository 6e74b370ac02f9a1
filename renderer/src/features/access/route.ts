import { useEffect, useState } from 'react';

/**
 * Where in the Access screen we are, kept in the hash after `#/access/` so a
 * reload or the back button stays put. The shell only reads the first segment.
 */
export const ACCESS_VIEWS = ['waiting', 'provisioning', 'active', 'expiring', 'reviews', 'lists', 'leavers', 'catalog'] as const;
export type AccessView = (typeof ACCESS_VIEWS)[number];

export const VIEW_LABELS: Record<AccessView, string> = {
  waiting: 'Requests waiting for me',
  provisioning: 'Provisioning',
  active: 'Active',
  expiring: 'Expiring',
  reviews: 'Reviews',
  lists: 'Lists',
  leavers: 'Leavers',
  catalog: 'Catalog',
};

export type AccessRoute =
  | { view: AccessView }
  | { view: 'new'; ticket?: string; person?: string; system?: string; grant?: string; entitlement?: string; why?: string }
  | { view: 'request'; id: string }
  | { view: 'grant'; id: string }
  | { view: 'list'; id: string }
  | { view: 'campaign'; id: string };

export function parseAccessHash(hash: string): AccessRoute {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [root, view, id] = path!.split('/').map((s) => decodeURIComponent(s));
  if (root !== 'access') return { view: 'waiting' };
  if (view === 'new') {
    const q = new URLSearchParams(query);
    const pick = (k: string) => (q.get(k) ? { [k]: q.get(k)! } : {});
    return { view: 'new', ...pick('ticket'), ...pick('person'), ...pick('system'), ...pick('grant'), ...pick('entitlement'), ...pick('why') };
  }
  if ((view === 'request' || view === 'grant' || view === 'list' || view === 'campaign') && id) return { view, id };
  if ((ACCESS_VIEWS as readonly string[]).includes(view ?? '')) return { view: view as AccessView };
  return { view: 'waiting' };
}

export function accessHref(route: AccessRoute): string {
  if (route.view === 'new') {
    const q = new URLSearchParams();
    for (const k of ['ticket', 'person', 'system', 'grant', 'entitlement', 'why'] as const) if (route[k]) q.set(k, route[k]);
    const s = q.toString();
    return `#/access/new${s ? `?${s}` : ''}`;
  }
  if ('id' in route) return `#/access/${route.view}/${encodeURIComponent(route.id)}`;
  return `#/access/${route.view}`;
}

export function goToAccess(route: AccessRoute): void {
  location.hash = accessHref(route);
}

export function useAccessRoute(): AccessRoute {
  const [route, setRoute] = useState(() => parseAccessHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseAccessHash(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
