import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useData } from '../../app/data-context';
import { operationsRepositories } from '../../data/repositories/operations';

/** The operations repositories over the app's database, made once per database. */
export function useOpsRepos() {
  const { db } = useData();
  return useMemo(() => operationsRepositories(db), [db]);
}

export interface Names {
  person: (id: string | null | undefined) => string;
  system: (id: string | null | undefined) => string;
  team: (id: string | null | undefined) => string;
  ticket: (id: string | null | undefined) => string;
  people: { id: string; name: string; kind: string }[];
  systems: { id: string; name: string }[];
  teams: { id: string; name: string }[];
  calendars: { id: string; name: string; timeZone: string }[];
}

/** Names for ids (people, systems, teams, tickets), live: screens show names, never ids. */
export function useNames(): Names | undefined {
  const { db, profile } = useData();
  const repos = useOpsRepos();
  return useLiveQuery(async () => {
    // Work done on a device whose user is not in the directory is recorded under the device's id (see resolveActor).
    const deviceId = db.device.get().deviceId;
    const me = (await profile.get())?.staffName ?? 'This device';
    const t = repos.tickets.tables;
    const [people, systems, teams, calendars, tickets] = await Promise.all([
      db.people.orderBy('name').toArray(),
      t.systems.toArray(),
      t.teams.toArray(),
      t.calendars.toArray(),
      t.tickets.toArray().then((rows) => rows.map((r) => ({ id: r.id, number: r.number, title: r.title }))),
    ]);
    const by = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
    const p = by(people);
    const s = by(systems);
    const tm = by(teams);
    const tk = by(tickets);
    const or = (v: string | undefined, fallback: string) => v ?? fallback;
    return {
      person: (id) => (id ? (id === deviceId ? or(p.get(id)?.name, me) : or(p.get(id)?.name, 'Someone not in the directory')) : 'Nobody'),
      system: (id) => (id ? or(s.get(id)?.name, 'Removed system') : 'No system'),
      team: (id) => (id ? or(tm.get(id)?.name, 'Removed team') : 'No team'),
      ticket: (id) => (id ? (tk.get(id) ? `${tk.get(id)!.number} ${tk.get(id)!.title}` : 'Ticket not on this device') : 'None'),
      people: people.filter((x) => !x.deleted).map((x) => ({ id: x.id, name: x.name, kind: x.kind })),
      systems: systems.filter((x) => !x.deleted).map((x) => ({ id: x.id, name: x.name })),
      teams: teams.filter((x) => !x.deleted).map((x) => ({ id: x.id, name: x.name })),
      calendars: calendars.filter((x) => !x.deleted).map((x) => ({ id: x.id, name: x.name, timeZone: x.timeZone })),
    } satisfies Names;
  }, [db, repos, profile]);
}

/** This computer's zone: the default for new schedules and windows. */
export const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function formatInstant(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}
