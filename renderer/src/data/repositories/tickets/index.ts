import Dexie from 'dexie';
import { uuidv7 } from '../../../../../shared/ids/uuidv7';
import type { FieldDeskDb } from '../../db';
import { userPersonIds, type Profile } from '../../../../../shared/profile/schema';
import { profileRepository } from '../profile';
import { attachmentsRepository } from './attachments';
import { catalogRepository } from './catalog';
import { registerTicketDerivation } from './derive';
import { ticketImporter } from './import-tickets';
import { linksRepository } from './links';
import { ticketQueries } from './query';
import { sampleDataLoader } from './sample-load';
import { helpdeskSettingsRepository } from './settings';
import { ticketTables, type Actor, type RepoContext } from './tables';
import { ticketsRepository } from './tickets';
import { workLogRepository } from './worklog';

export interface TicketRepoOptions {
  now?: () => string;
  newId?: () => string;
  /** Who is making changes; by default the staff member of the local profile (see resolveActor). */
  actor?: () => Promise<Actor>;
}

/**
 * The staff member using this device. There are no accounts locally: the
 * profile's name is matched to a staff person in the directory (so "assigned
 * to me" and work-log authors point at a person), and without one the device
 * id stands in, named after the profile.
 */
export async function resolveActor(db: FieldDeskDb): Promise<Actor> {
  return actorOf(db, await profileRepository(db).get());
}

/**
 * The user as a person: the signed-in account's staff record, else a staff
 * record of the directory with the profile's name, else the profile's own
 * stand-in (repositories/profile.ts), else the device. `ids` lists every id
 * that is the user ("me", "(me)", authors).
 */
async function actorOf(db: FieldDeskDb, profile: Profile | null): Promise<Actor> {
  const deviceId = db.device.get().deviceId;
  if (!profile) return { id: deviceId, name: 'This device' };
  const name = profile.staffName;
  const own = userPersonIds(profile);
  const named = (await db.people.where('[kind+name]').equals(['staff', name]).toArray()).filter((p) => !p.deleted);
  const directory = named.find((p) => !own.includes(p.id)) ?? named[0];
  const id = profile.accountPersonId ?? directory?.id ?? profile.personId ?? deviceId;
  const ids = [...new Set([id, ...own, ...(directory ? [directory.id] : [])])];
  return ids.length > 1 ? { id, name, ids } : { id, name };
}

/**
 * resolveActor for every write, without looking the staff member up again
 * while the profile's name and the directory stay the same: a save then reads
 * only the profile, alongside the record it changes, not the directory after
 * it. That holds for a name with no staff record too (a new user's, often),
 * which used to cost every save a second, sequential read. Any committed write
 * to people, in this window or another, makes the next save look again.
 */
export function cachedActor(db: FieldDeskDb): () => Promise<Actor> {
  // One per database: screens build repositories on mount, and each cache listens to every commit.
  let actor = actors.get(db);
  if (!actor) actors.set(db, (actor = newCachedActor(db)));
  return actor;
}
const actors = new WeakMap<FieldDeskDb, () => Promise<Actor>>();

function newCachedActor(db: FieldDeskDb): () => Promise<Actor> {
  let last: { staffName: string; actor: Actor } | null = null;
  // The name and the person ids the answer depends on (sign-in adds the account's person).
  const keyOf = (p: Profile) => JSON.stringify([p.staffName, p.personId ?? null, p.accountPersonId ?? null]);
  // The answer itself, without even the profile read, until people or meta (where the profile is) change:
  // each IndexedDB request costs a save main-thread time (about half a millisecond here), read or not.
  let known: Actor | null = null;
  let generation = 0;
  const peoplePart = `idb://${db.name}/people/`;
  const metaPart = `idb://${db.name}/meta/`;
  const forget = (parts: Record<string, unknown>) => {
    const keys = Object.keys(parts);
    const people = keys.some((p) => p.startsWith(peoplePart));
    if (!people && !keys.some((p) => p.startsWith(metaPart))) return;
    if (people) last = null;
    known = null;
    generation++;
  };
  Dexie.on.storagemutated.subscribe(forget);
  db.on('close', () => {
    Dexie.on.storagemutated.unsubscribe(forget);
    actors.delete(db);
  });
  return async () => {
    if (known) return known;
    const seen = generation;
    const profile = await profileRepository(db).get();
    let actor: Actor;
    if (profile && last?.staffName === keyOf(profile)) actor = last.actor;
    else {
      actor = await actorOf(db, profile);
      // A directory change while looking means the answer may be stale already: use it, but do not keep it.
      last = profile && seen === generation ? { staffName: keyOf(profile), actor } : null;
    }
    if (profile && seen === generation) known = actor;
    return actor;
  };
}

/**
 * The help-desk repositories over one database. Screens build them with
 * `useMemo(() => ticketRepositories(db), [db])`; tests pass a fixed clock and actor.
 */
export function ticketRepositories(db: FieldDeskDb, options: TicketRepoOptions = {}) {
  registerTicketDerivation();
  const ctx: RepoContext = {
    db,
    t: ticketTables(db),
    now: options.now ?? (() => new Date(db.device.get().clock.now()).toISOString()),
    newId: options.newId ?? (() => uuidv7()),
    actor: options.actor ?? cachedActor(db),
    deviceId: () => db.device.get().deviceId,
  };
  const tickets = ticketsRepository(ctx);
  return {
    tables: ctx.t,
    actor: ctx.actor,
    tickets,
    workLog: workLogRepository(ctx, tickets),
    links: linksRepository(ctx, tickets),
    attachments: attachmentsRepository(ctx, tickets),
    catalog: catalogRepository(ctx),
    queries: ticketQueries(ctx.t),
    sampleData: sampleDataLoader(ctx),
    importer: ticketImporter(ctx),
    helpdeskSettings: helpdeskSettingsRepository(ctx),
  };
}
export type TicketRepositories = ReturnType<typeof ticketRepositories>;
export type { Actor } from './tables';
