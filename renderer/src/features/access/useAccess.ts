import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { Entitlement } from '../../../../shared/access/schema';
import type { Person } from '../../../../shared/people/schema';
import type { System } from '../../../../shared/tickets/catalog';
import { useData } from '../../app/data-context';
import { accessRepositories, type AccessRepositories } from '../../data/repositories/access';
import { resolveActor } from '../../data/repositories/tickets';

const cache = new WeakMap<object, AccessRepositories>();

/** One set of access repositories per database. */
export function useAccessRepos(): AccessRepositories {
  const { db } = useData();
  return useMemo(() => {
    let r = cache.get(db);
    if (!r) cache.set(db, (r = accessRepositories(db)));
    return r;
  }, [db]);
}

/** The staff member using this device (their person id, or the device's). */
export function useMe(): { id: string; name: string } | undefined {
  const { db } = useData();
  return useLiveQuery(() => resolveActor(db), [db]);
}

export interface Lookups {
  people: Person[];
  person: (id: string | null | undefined) => string;
  system: (id: string | null | undefined) => string;
  entitlement: (id: string | null | undefined) => string;
  systems: System[];
  entitlements: Entitlement[];
  entitlementById: Map<string, Entitlement>;
  departed: Set<string>;
}

/** Names for every id an access record can show: people, systems, entitlements. */
export function useLookups(): Lookups | undefined {
  const { db } = useData();
  const repos = useAccessRepos();
  const data = useLiveQuery(async () => {
    const [people, systems, entitlements, departures] = await Promise.all([db.people.toArray(), db.table<System, string>('systems').toArray(), repos.tables.entitlements.toArray(), repos.tables.departures.toArray()]);
    return { people, systems, entitlements, departures };
  }, [db, repos]);
  return useMemo(() => {
    if (!data) return undefined;
    const deviceId = db.device.get().deviceId;
    const people = new Map(data.people.map((p) => [p.id, p.name]));
    const systems = new Map(data.systems.map((s) => [s.id, s.name]));
    const ents = new Map(data.entitlements.map((e) => [e.id, e]));
    return {
      people: data.people.filter((p) => !p.deleted).sort((a, b) => a.name.localeCompare(b.name)),
      person: (id) => (id ? (people.get(id) ?? (id === deviceId ? 'This device' : 'Someone not in the directory')) : 'Nobody'),
      system: (id) => (id ? (systems.get(id) ?? 'A removed system') : 'No system'),
      entitlement: (id) => (id ? (ents.get(id)?.name ?? 'A removed entitlement') : ''),
      systems: data.systems.filter((s) => !s.deleted).sort((a, b) => a.name.localeCompare(b.name)),
      entitlements: data.entitlements.filter((e) => !e.deleted),
      entitlementById: ents,
      departed: new Set(data.departures.filter((d) => !d.deleted).map((d) => d.personId)),
    };
  }, [data, db]);
}

/** Today's date (YYYY-MM-DD, local), refreshed each minute. */
export function useToday(): string {
  const get = () => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };
  const [today, setToday] = useState(get);
  useEffect(() => {
    const t = setInterval(() => setToday(get()), 60_000);
    return () => clearInterval(t);
  }, []);
  return today;
}

export const formatDate = (d: string | null | undefined) => (d ? new Date(`${d}T12:00:00`).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }) : 'No end date');
export const formatWhen = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '');
