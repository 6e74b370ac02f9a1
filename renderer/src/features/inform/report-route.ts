import { useEffect, useState } from 'react';

/**
 * Where in Reports the status reports are, kept in the hash after `#/reports/`
 * so a reload stays there: `status` (a new report), `status/<id>` (a saved
 * report, run again), `saved` (the saved reports, focused).
 */
export type ReportRoute = { view: 'home' } | { view: 'new' } | { view: 'saved' } | { view: 'run'; id: string; at: number };

export function parseReportHash(hash: string): ReportRoute {
  const [root, view, id] = hash.replace(/^#\/?/, '').split('?')[0]!.split('/').map((s) => decodeURIComponent(s));
  if (root !== 'reports') return { view: 'home' };
  if (view === 'status' && id) return { view: 'run', id, at: Date.now() };
  if (view === 'status') return { view: 'new' };
  if (view === 'saved') return { view: 'saved' };
  return { view: 'home' };
}

export const reportHref = (route: { view: 'new' } | { view: 'saved' } | { view: 'home' } | { view: 'run'; id: string }): string =>
  route.view === 'run' ? `#/reports/status/${encodeURIComponent(route.id)}` : route.view === 'new' ? '#/reports/status' : route.view === 'saved' ? '#/reports/saved' : '#/reports';

/** Go there; going to the same place again (run a saved report twice) still tells the screen. */
export function goReport(route: Parameters<typeof reportHref>[0]): void {
  const href = reportHref(route);
  if (location.hash === href) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = href;
}

export function useReportRoute(): ReportRoute {
  const [route, setRoute] = useState(() => parseReportHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseReportHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
