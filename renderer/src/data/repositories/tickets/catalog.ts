import type { Person } from '../../../../../shared/people/schema';
import type { Site, System, Team } from '../../../../../shared/tickets/catalog';
import { suggestRoute, type RouteInput, type RouteSuggestion } from '../../../../../shared/tickets/routing';
import { alive, type RepoContext } from './tables';

export interface Catalog {
  sites: Site[];
  systems: System[];
  teams: Team[];
  staff: Person[];
}

/** Reads of the things tickets point at: few rows each, so whole-table reads sorted by name. */
export function catalogRepository(ctx: RepoContext) {
  const { t } = ctx;
  return {
    async load(): Promise<Catalog> {
      const [sites, systems, teams, staff] = await Promise.all([
        t.sites.orderBy('name').toArray(),
        t.systems.orderBy('name').toArray(),
        t.teams.orderBy('name').toArray(),
        t.people.where('[kind+name]').between(['staff', ''], ['staff', '\uffff']).toArray(),
      ]);
      return { sites: alive(sites), systems: alive(systems), teams: alive(teams), staff: alive(staff) };
    },

    /** The team the routing rules would pick for these fields. */
    async suggestRoute(input: RouteInput): Promise<RouteSuggestion | null> {
      return suggestRoute(input, alive(await t.routingRules.toArray()));
    },

    /** Requester look-up by name prefix (the people index), for the create form. */
    async findPeople(text: string, limit = 8): Promise<Person[]> {
      const q = text.trim();
      if (q.length < 2) return [];
      const lower = q.toLowerCase();
      const byName = await t.people
        .where('name')
        .startsWithIgnoreCase(q)
        .filter((p) => !p.deleted)
        .limit(limit)
        .toArray();
      if (byName.length >= limit || !q.includes('@')) return byName;
      const byEmail = await t.people.where('email').startsWithIgnoreCase(lower).filter((p) => !p.deleted).limit(limit).toArray();
      return [...new Map([...byName, ...byEmail].map((p) => [p.id, p])).values()].slice(0, limit);
    },
  };
}
