/** The directory's part of the local database, registered in renderer/src/data/features.ts. */
import type { Table } from 'dexie';
import type { Person } from '../../../../../shared/people/schema';
import { defineDataFeature } from '../../feature';
import { peopleRepository } from '.';
import { PEOPLE_STORES_V1, PEOPLE_STORES_V2 } from './stores';

declare module '../../db' {
  interface FieldDeskDb {
    people: Table<Person, string>;
  }
}

export const peopleData = defineDataFeature({
  id: 'people',
  schema: [
    { version: 1, stores: PEOPLE_STORES_V1 },
    {
      version: 2,
      stores: PEOPLE_STORES_V2,
      async upgrade(tx) {
        // v1 people had no `kind` or tombstone; give them the defaults v2 code expects.
        await tx
          .table('people')
          .toCollection()
          .modify((p: Record<string, unknown>) => {
            p.kind ??= 'requester';
            p.deleted ??= 0;
          });
      },
    },
  ],
  // The directory, which every screen reads: useData().people.
  repositories: (db) => ({ people: peopleRepository(db) }),
});
