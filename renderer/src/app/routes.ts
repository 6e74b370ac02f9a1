import type { UI_FEATURES } from '../features';
import type { RouteIdOf, ScreenFeature, ScreenRoute } from './feature';

/**
 * The app's screens, as the features registered them (app/registry.ts; each
 * feature's contribution.ts gives its route). The hash holds the route so a
 * reload stays where you were.
 */
export type Route = RouteIdOf<typeof UI_FEATURES>;

/** Route ids in navigation order; filled when the features are registered. */
export const ROUTES: Route[] = [];

export const ROUTE_LABELS = {} as Record<Route, string>;

const SCREEN_ROUTES = new Map<Route, ScreenRoute>();

/** Called once by `registerScreenFeatures`: the routes of the registered features, in their order. */
export function registerRoutes(features: readonly ScreenFeature[]): void {
  const routes = features.flatMap((f) => (f.route ? [f.route] : [])).sort((a, b) => a.order - b.order);
  ROUTES.splice(0, ROUTES.length, ...routes.map((r) => r.id as Route));
  SCREEN_ROUTES.clear();
  for (const r of routes) {
    if (SCREEN_ROUTES.has(r.id as Route)) throw new Error(`Route "${r.id}" is registered twice`);
    SCREEN_ROUTES.set(r.id as Route, r);
    ROUTE_LABELS[r.id as Route] = r.label;
  }
}

/** The registered route `route`: its screen, label and shortcut. */
export function screenRoute(route: Route): ScreenRoute {
  const found = SCREEN_ROUTES.get(route);
  if (!found) throw new Error(`No screen is registered for "${route}"`);
  return found;
}

/** The route of a hash; an unknown one (or none) is the first screen (Tickets). */
export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (ROUTES as readonly string[]).includes(name ?? '') ? (name as Route) : ROUTES[0]!;
}
