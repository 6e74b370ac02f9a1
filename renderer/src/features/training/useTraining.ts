import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { Person } from '../../../../shared/people/schema';
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
    const staff = (await db.people.where('[kind+name]').equals(['staff', name]).toArray()).find((p) => !p.deleted);
    return { id: staff?.id ?? deviceId, name };
  }, [db, profile]);
}

/** A name for any id that can appear as a trainer or "taken by". */
export function useNameOf(people: Person[] | undefined, me: StaffIdentity | undefined) {
  const { db } = useData();
  return useMemo(() => {
    const names = new Map((people ?? []).map((p) => [p.id, p.name]));
    const deviceId = db.device.get().deviceId;
    return (id: string) => names.get(id) ?? (id === deviceId || id === me?.id ? (me?.name ?? 'This device') : 'Another device');
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
