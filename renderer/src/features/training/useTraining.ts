import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { Person } from '../../../../shared/people/schema';
import { userPersonIds } from '../../../../shared/profile/schema';
import { useData } from '../../app/data-context';
import { trainingRepositories } from '../../data/repositories/training';

/** The training repositories over the app's database, made once per database. */
export function useTrainingRepos() {
  const { db } = useData();
  return useMemo(() => trainingRepositories(db), [db]);
}

/** The directory, live, without tombstones. */
export function usePeople(): Person[] | undefined {
  const { db } = useData();
  return useLiveQuery(async () => (await db.people.orderBy('name').toArray()).filter((p) => !p.deleted), [db]);
}

export interface StaffIdentity {
  /** Who takes attendance: the staff person with the profile's name, else this device. */
  id: string;
  name: string;
  /** Every id that is this user. */
  ids?: readonly string[];
}

/**
 * Who is using the app, for "taken by". Staff are in the directory; when the
 * signed-in name is not there yet, the device id stands in (it is stable and
 * names this laptop in every record's history).
 */
export function useStaffIdentity(): StaffIdentity | undefined {
  const { db, profile } = useData();
  return useLiveQuery(async () => {
    const me = await profile.get();
    const deviceId = db.device.get().deviceId;
    const name = me?.staffName ?? 'This device';
    const own = userPersonIds(me);
    const named = (await db.people.where('[kind+name]').equals(['staff', name]).toArray()).filter((p) => !p.deleted);
    const directory = named.find((p) => !own.includes(p.id)) ?? named[0];
    // As the tickets' actor: the account's person, a directory record with the name, the device's stand-in.
    const id = me?.accountPersonId ?? directory?.id ?? me?.personId ?? deviceId;
    return { id, name, ids: [...new Set([id, ...own, ...(directory ? [directory.id] : [])])] };
  }, [db, profile]);
}

/** A name for any id that can appear as a trainer or "taken by". */
export function useNameOf(people: Person[] | undefined, me: StaffIdentity | undefined) {
  const { db } = useData();
  return useMemo(() => {
    const names = new Map((people ?? []).map((p) => [p.id, p.name]));
    const deviceId = db.device.get().deviceId;
    return (id: string) => names.get(id) ?? (id === deviceId || id === me?.id || me?.ids?.includes(id) ? (me?.name ?? 'This device') : 'Another device');
  }, [people, me, db]);
}

/** This computer's clock, refreshed every half minute: attendance opens two hours before a session. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}
