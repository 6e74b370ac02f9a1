import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../renderer/src/data/db';
import { peopleRepository } from '../../../../renderer/src/data/repositories/people';
import { profileRepository } from '../../../../renderer/src/data/repositories/profile';
import { cachedActor } from '../../../../renderer/src/data/repositories/tickets';
import { closeAll, opened } from './setup';

afterAll(closeAll);

describe('the actor of a write', () => {
  it('is looked up in the directory once per profile name, and again when the name changes', async () => {
    const db = await openDatabase(`actor-test-${Math.random().toString(36).slice(2)}`);
    opened.push(db);
    const people = peopleRepository(db);
    const jordan = await people.create({ name: 'Jordan Avila', kind: 'staff' });
    const sam = await people.create({ name: 'Sam Ortiz', kind: 'staff' });
    if (!jordan.ok || !sam.ok) throw new Error('setup');
    await profileRepository(db).save({ staffName: 'Jordan Avila', deviceName: 'Laptop' });

    // Only the actor's own lookups count (saving the profile looks its stand-in's namesakes up too).
    let lookups = 0;
    let counting = false;
    const where = db.people.where.bind(db.people);
    db.people.where = ((index: string) => {
      if (counting) lookups++;
      return where(index);
    }) as typeof db.people.where;

    const cached = cachedActor(db);
    const actor = async () => {
      counting = true;
      try {
        return await cached();
      } finally {
        counting = false;
      }
    };
    expect(await actor()).toMatchObject({ id: jordan.value.id, name: 'Jordan Avila' });
    expect(await actor()).toMatchObject({ id: jordan.value.id, name: 'Jordan Avila' });
    expect(lookups).toBe(1);

    await profileRepository(db).save({ staffName: 'Sam Ortiz', deviceName: 'Laptop' });
    expect(await actor()).toMatchObject({ id: sam.value.id, name: 'Sam Ortiz' });
    expect(lookups).toBe(2);

    // A name with no staff record of the directory is the profile's own stand-in person, and that too is remembered…
    const profile = await profileRepository(db).save({ staffName: 'New Hire', deviceName: 'Laptop' });
    if (!profile.ok) throw new Error('setup');
    expect(await actor()).toEqual({ id: profile.value.personId, name: 'New Hire' });
    await actor();
    expect(lookups).toBe(3);
    // …until the directory changes: then the next save looks again and finds the new record.
    const hire = await people.create({ name: 'New Hire', kind: 'staff' });
    if (!hire.ok) throw new Error('setup');
    expect(await actor()).toEqual({ id: hire.value.id, name: 'New Hire', ids: [hire.value.id, profile.value.personId] });
    expect(lookups).toBe(4);
    await actor();
    expect(lookups).toBe(4);
  });

  it('is answered from memory, without reading the profile, until the profile or the directory changes', async () => {
    const db = await openDatabase(`actor-test-${Math.random().toString(36).slice(2)}`);
    opened.push(db);
    const jordan = await peopleRepository(db).create({ name: 'Jordan Avila', kind: 'staff' });
    const sam = await peopleRepository(db).create({ name: 'Sam Ortiz', kind: 'staff' });
    if (!jordan.ok || !sam.ok) throw new Error('setup');
    await profileRepository(db).save({ staffName: 'Jordan Avila', deviceName: 'Laptop' });

    let profileReads = 0;
    const get = db.meta.get.bind(db.meta);
    db.meta.get = ((key: string) => {
      if (key === 'profile') profileReads++;
      return get(key);
    }) as typeof db.meta.get;

    const actor = cachedActor(db);
    expect(await actor()).toMatchObject({ id: jordan.value.id, name: 'Jordan Avila' });
    const afterFirst = profileReads;
    expect(await actor()).toMatchObject({ id: jordan.value.id, name: 'Jordan Avila' });
    expect(profileReads).toBe(afterFirst);
    // The profile is in meta: saving it (here, another staff name) makes the next answer read it again.
    await profileRepository(db).save({ staffName: 'Sam Ortiz', deviceName: 'Laptop' });
    const beforeChange = profileReads;
    expect(await actor()).toMatchObject({ id: sam.value.id, name: 'Sam Ortiz' });
    expect(profileReads).toBe(beforeChange + 1);
  });
});
