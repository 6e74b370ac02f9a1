import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type FieldDeskDb } from '../../../../../renderer/src/data/db';
import { drafts } from '../../../../../renderer/src/ui/drafts';

let n = 0;

/**
 * A fresh database with the drafts attached before each test of the file
 * (`use` receives it), and after each: the screen unmounted, the drafts
 * detached, the database deleted.
 */
export function draftsDbPerTest(prefix: string, use: (db: FieldDeskDb) => void = () => {}): void {
  let db: FieldDeskDb | undefined;
  beforeEach(async () => {
    localStorage.clear();
    db = await openDatabase(`${prefix}-${++n}-${Math.random().toString(36).slice(2)}`);
    await drafts.attach(db);
    use(db);
  });
  afterEach(async () => {
    cleanup();
    if (!db) return;
    await drafts.detach(db);
    db.close();
    await db.delete();
  });
}
