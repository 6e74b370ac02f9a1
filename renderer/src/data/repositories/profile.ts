import { uuidv7 } from '../../../../shared/ids/uuidv7';
import type { Person } from '../../../../shared/people/schema';
import { ProfileInputSchema, ProfileSchema, type Profile, type ProfileInput } from '../../../../shared/profile/schema';
import { ok, type Result } from '../../../../shared/result';
import { parseWith } from '../../../../shared/validation';
import { markRemote } from '../changelog';
import type { FieldDeskDb } from '../db';

const readProfile = async (db: FieldDeskDb): Promise<Profile | null> => {
  const parsed = ProfileSchema.safeParse((await db.meta.get('profile'))?.value);
  return parsed.success ? parsed.data : null;
};

/**
 * The user is a staff person in the directory. Before sign-in that is a
 * stand-in made on this device from the profile (`personId`): kept out of the
 * change log (it is this device's view of its user, not a directory entry to
 * send: once signed in, the account's own staff record on the server is the
 * user, and the stand-in's id travels with the sign-in so the server can join
 * the two). So it never waits in the outbox and the server never holds two
 * records for one person. While an account's record is known the stand-in is
 * hidden (a local tombstone), yet its id still resolves to the user's name.
 * A rename in the profile renames it; one lost to a full resync comes back
 * with the same id.
 */
async function ensurePersonIn(db: FieldDeskDb, profile: Profile, tx: { idbtrans: object }): Promise<Profile> {
  markRemote(tx.idbtrans);
  const at = new Date(db.device.get().clock.now()).toISOString();
  const personId = profile.personId ?? uuidv7();
  // Hidden while another record is the user: the account's, or a directory staff record with the same name.
  const namesake = (await db.people.where('[kind+name]').equals(['staff', profile.staffName]).toArray()).some((p) => p.id !== personId && !p.deleted);
  const hidden: 0 | 1 = (profile.accountPersonId && profile.accountPersonId !== personId) || namesake ? 1 : 0;
  const current = await db.people.get(personId);
  if (!current) {
    const person: Person = { id: personId, name: profile.staffName, email: '', phone: '', agency: '', site: '', title: '', kind: 'staff', createdAt: at, updatedAt: at, stamps: {}, deleted: hidden };
    await db.people.add(person);
  } else if (current.name !== profile.staffName || current.deleted !== hidden || current.kind !== 'staff') {
    await db.people.put({ ...current, name: profile.staffName, kind: 'staff', deleted: hidden, updatedAt: at });
  }
  if (profile.personId === personId) return profile;
  const next: Profile = { ...profile, personId };
  await db.meta.put({ key: 'profile', value: next });
  return next;
}

/** The local profile lives in `meta`: it describes this device, so it does not sync. */
export function profileRepository(db: FieldDeskDb) {
  return {
    get: () => readProfile(db),
    async save(input: ProfileInput): Promise<Result<Profile>> {
      const parsed = parseWith(ProfileInputSchema, input, 'profile');
      if (!parsed.ok) return parsed;
      return db.transaction('rw', db.meta, db.people, async (tx) => {
        const existing = await readProfile(db);
        const profile: Profile = {
          ...(existing ?? {}),
          ...parsed.value,
          createdAt: existing?.createdAt ?? new Date().toISOString(),
        };
        await db.meta.put({ key: 'profile', value: profile });
        return ok(await ensurePersonIn(db, profile, tx));
      });
    },
    /** Make sure the user is a staff person (a profile made before people were joined to it gains one). */
    async ensurePerson(): Promise<Profile | null> {
      return db.transaction('rw', db.meta, db.people, async (tx) => {
        const profile = await readProfile(db);
        return profile ? ensurePersonIn(db, profile, tx) : null;
      });
    },
    /** A directory staff record with the user's name is about to be added: the stand-in steps aside first (never two of them on screen). */
    async stepAsideFor(name: string): Promise<void> {
      await db.transaction('rw', db.meta, db.people, async (tx) => {
        const profile = await readProfile(db);
        if (!profile?.personId || profile.staffName !== name) return;
        const current = await db.people.get(profile.personId);
        if (!current || current.deleted) return;
        markRemote(tx.idbtrans);
        await db.people.put({ ...current, deleted: 1, updatedAt: new Date(db.device.get().clock.now()).toISOString() });
      });
    },
    /** The signed-in account's staff record on the server (null forgets it); the stand-in hides while it is known. */
    async setAccountPerson(accountPersonId: string | null): Promise<Profile | null> {
      return db.transaction('rw', db.meta, db.people, async (tx) => {
        const profile = await readProfile(db);
        if (!profile) return null;
        const { accountPersonId: _old, ...rest } = profile;
        const next: Profile = accountPersonId ? { ...rest, accountPersonId } : rest;
        await db.meta.put({ key: 'profile', value: next });
        return ensurePersonIn(db, next, tx);
      });
    },
  };
}
export type ProfileRepository = ReturnType<typeof profileRepository>;
