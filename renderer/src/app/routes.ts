/** The app's screens. The hash holds the route so a reload stays where you were. */
export const ROUTES = ['tickets', 'training', 'schedule', 'knowledge', 'access', 'people', 'reports', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

export const ROUTE_LABELS: Record<Route, string> = {
  tickets: 'Tickets',
  training: 'Training',
  schedule: 'Schedule',
  knowledge: 'Knowledge',
  access: 'Access',
  people: 'People',
  reports: 'Reports',
  settings: 'Settings',
};

export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (ROUTES as readonly string[]).includes(name ?? '') ? (name as Route) : 'tickets';
}
