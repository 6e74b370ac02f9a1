import Dexie from 'dexie';
import { uuidv7 } from '../../../../../shared/ids/uuidv7';
import { PersonInputSchema, type Person, type PersonInput } from '../../../../../shared/people/schema';
import { err, ok, type Result } from '../../../../../shared/result';
import { parseWith } from '../../../../../shared/validation';
import { ProfileSchema } from '../../../../../shared/profile/schema';
import { markRemote } from '../../changelog';
import type { FieldDeskDb } from '../../db';
import { profileRepository } from '../profile';

/** The profile's stand-in person (repositories/profile.ts): this device's view of its user, never sent. */
const standInId = async (db: FieldDeskDb): Promise<string | null> => {
  const parsed = ProfileSchema.safeParse((await db.meta.get('profile'))?.value);
  return parsed.success ? (parsed.data.personId ?? null) : null;
};

/**
 * The only code that writes people. Input is validated with the shared schema
 * before anything touches the database; the change log middleware records
 * each write for sync inside the same transaction.
 */
export function peopleRepository(db: FieldDeskDb) {
  const now = () => new Date(db.device.get().clock.now()).toISOString();
  return {
    async create(input: PersonInput): Promise<Result<Person>> {
      const parsed = parseWith(PersonInputSchema, input, 'person');
      if (!parsed.ok) return parsed;
      const at = now();
      const person: Person = { ...parsed.value, id: uuidv7(), createdAt: at, updatedAt: at, stamps: {}, deleted: 0 };
      // The user's own staff record added to the directory: the stand-in steps aside.
      if (person.kind === 'staff') await profileRepository(db).stepAsideFor(person.name);
      await db.people.add(person);
      return ok((await db.people.get(person.id))!);
    },

    async update(id: string, patch: Partial<PersonInput>): Promise<Result<Person>> {
      return db.transaction('rw', db.people, db.meta, async (tx) => {
        const current = await db.people.get(id);
        if (!current || current.deleted) return err('not_found', 'That person is no longer in the directory.');
        const parsed = parseWith(PersonInputSchema, { ...current, ...patch }, 'person');
        if (!parsed.ok) return parsed;
        const next: Person = { ...current, ...parsed.value, kind: current.id === (await standInId(db)) ? 'staff' : parsed.value.kind, updatedAt: now() };
        if (next.id === (await standInId(db))) {
          // The user's stand-in stays on this device (and its name is the profile's).
          markRemote(tx.idbtrans);
          const profile = ProfileSchema.parse((await db.meta.get('profile'))!.value);
          if (profile.staffName !== next.name) await db.meta.put({ key: 'profile', value: { ...profile, staffName: next.name } });
        }
        await db.people.put(next);
        return ok(next);
      });
    },

    /**
     * Add many people at once, all or nothing: every row is validated first and
     * they are written in one transaction (each with its outbox entry).
     */
    async importMany(inputs: readonly PersonInput[]): Promise<Result<{ added: number; ids: string[] }>> {
      const at = now();
      const people: Person[] = [];
      for (const [i, input] of inputs.entries()) {
        const parsed = parseWith(PersonInputSchema, input, `person in row ${i + 2}`);
        if (!parsed.ok) return parsed;
        people.push({ ...parsed.value, id: uuidv7(), createdAt: at, updatedAt: at, stamps: {}, deleted: 0 });
      }
      // Inside a caller's transaction that includes people (a ticket import), this joins it.
      await db.transaction('rw', db.people, () => db.people.bulkAdd(people));
      // (Not inside a caller's transaction: it may not include meta. The shell checks again after each sync.)
      if (people.some((p) => p.kind === 'staff') && !Dexie.currentTransaction) await profileRepository(db).ensurePerson();
      return ok({ added: people.length, ids: people.map((p) => p.id) });
    },

    /** Email addresses already in the directory, for duplicate checks on import. */
    async emails(): Promise<string[]> {
      const all = await db.people.filter((p) => !p.deleted && p.email !== '').toArray();
      return all.map((p) => p.email);
    },

    /** Deletion is a tombstone, so it reaches every device. */
    async remove(id: string): Promise<Result<{ id: string }>> {
      return db.transaction('rw', db.people, db.meta, async () => {
        const current = await db.people.get(id);
        if (!current || current.deleted) return err('not_found', 'That person is no longer in the directory.');
        if (current.id === (await standInId(db))) return err('conflict', 'This is you: your name is set in Settings → Profile.');
        await db.people.put({ ...current, deleted: 1, updatedAt: now() });
        return ok({ id });
      });
    },

    list(): Promise<Person[]> {
      return db.people.orderBy('name').filter((p) => !p.deleted).toArray();
    },
  };
}

export type PeopleRepository = ReturnType<typeof peopleRepository>;
