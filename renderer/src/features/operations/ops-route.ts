import { useEffect, useState } from 'react';

/**
 * Where in the Schedule screen we are, kept in the hash after `#/schedule/`
 * so a reload or the back button stays on the same schedule, run or review.
 */
export type OpsRoute =
  | { view: 'calendar' }
  | { view: 'schedules' }
  | { view: 'schedule'; id: string }
  | { view: 'runs' }
  | { view: 'run'; id: string }
  | { view: 'job'; id: string }
  | { view: 'changes' }
  | { view: 'change'; id: string }
  | { view: 'reviews' }
  | { view: 'review'; id: string }
  | { view: 'actions' };

const LIST_VIEWS = ['calendar', 'schedules', 'runs', 'changes', 'reviews', 'actions'] as const;
const ITEM_VIEWS: Record<string, OpsRoute['view']> = { schedules: 'schedule', runs: 'run', jobs: 'job', changes: 'change', reviews: 'review' };

export function parseOpsHash(hash: string): OpsRoute {
  const [root, view, id] = hash.replace(/^#\/?/, '').split('?')[0]!.split('/').map((s) => decodeURIComponent(s));
  if (root !== 'schedule') return { view: 'calendar' };
  if (view && id && ITEM_VIEWS[view]) return { view: ITEM_VIEWS[view], id } as OpsRoute;
  if ((LIST_VIEWS as readonly string[]).includes(view ?? '')) return { view } as OpsRoute;
  return { view: 'calendar' };
}

export function opsHref(route: OpsRoute): string {
  if ('id' in route) {
    const list = Object.entries(ITEM_VIEWS).find(([, v]) => v === route.view)![0];
    return `#/schedule/${list}/${encodeURIComponent(route.id)}`;
  }
  return route.view === 'calendar' ? '#/schedule' : `#/schedule/${route.view}`;
}

export function goOps(route: OpsRoute): void {
  location.hash = opsHref(route);
}

export function useOpsRoute(): OpsRoute {
  const [route, setRoute] = useState(() => parseOpsHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseOpsHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
