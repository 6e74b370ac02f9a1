import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { Person } from '../../../../shared/people/schema';
import { useData } from '../../app/data-context';
import { resolveActor, ticketRepositories, type Actor } from '../../data/repositories/tickets';
import type { Catalog } from '../../data/repositories/tickets/catalog';

const EMPTY: Catalog = { sites: [], systems: [], teams: [], staff: [] };

/** The repositories, the person at the keyboard and the catalog, for every part of the tickets screen. */
export function useDesk() {
  const { db } = useData();
  const repos = useMemo(() => ticketRepositories(db), [db]);
  const actor = useLiveQuery(() => resolveActor(db), [db]) as Actor | undefined;
  const catalog = useLiveQuery(() => repos.catalog.load(), [repos]) ?? EMPTY;
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of catalog.staff) m.set(p.id, p.name);
    if (actor) for (const id of actor.ids ?? [actor.id]) m.set(id, actor.name);
    return m;
  }, [catalog.staff, actor]);
  return { db, repos, actor, catalog, names };
}
export type Desk = ReturnType<typeof useDesk>;

/** Names of the people on screen (requesters and assignees), looked up by id in one read. */
export function usePeopleNames(ids: readonly (string | null)[], desk: Desk): Map<string, string> {
  const key = [...new Set(ids.filter((x): x is string => Boolean(x)))].sort().join(',');
  const people = useLiveQuery(() => (key ? desk.db.people.bulkGet(key.split(',')) : Promise.resolve([] as (Person | undefined)[])), [desk.db, key]);
  return useMemo(() => {
    const m = new Map(desk.names);
    for (const p of people ?? []) if (p) m.set(p.id, p.name);
    return m;
  }, [people, desk.names]);
}
