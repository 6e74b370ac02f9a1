import { uuidv7 } from '../../../../shared/ids/uuidv7';
import { PersonInputSchema, type Person, type PersonInput } from '../../../../shared/people/schema';
import { err, ok, type Result } from '../../../../shared/result';
import { parseWith } from '../../../../shared/validation';
import type { FieldDeskDb } from '../db';

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
      await db.people.add(person);
      return ok((await db.people.get(person.id))!);
    },

    async update(id: string, patch: Partial<PersonInput>): Promise<Result<Person>> {
      return db.transaction('rw', db.people, async () => {
        const current = await db.people.get(id);
        if (!current || current.deleted) return err('not_found', 'That person is no longer in the directory.');
        const parsed = parseWith(PersonInputSchema, { ...current, ...patch }, 'person');
        if (!parsed.ok) return parsed;
        const next: Person = { ...current, ...parsed.value, updatedAt: now() };
        await db.people.put(next);
        return ok(next);
      });
    },

    /** Deletion is a tombstone, so it reaches every device. */
    async remove(id: string): Promise<Result<{ id: string }>> {
      return db.transaction('rw', db.people, async () => {
        const current = await db.people.get(id);
        if (!current || current.deleted) return err('not_found', 'That person is no longer in the directory.');
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
