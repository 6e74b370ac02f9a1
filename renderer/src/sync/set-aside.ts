import type { FieldDeskDb } from '../data/db';
import type { SetAsideOp } from './settle';
import { REJECTED_PREFIX, rejectedKey } from './state-keys';

export type { SetAsideOp };

/** Changes the server refused for good, oldest first: they left the queue and wait for the user to read them. */
export async function listSetAside(db: FieldDeskDb): Promise<SetAsideOp[]> {
  const rows = await db.syncState.where('key').startsWith(REJECTED_PREFIX).toArray();
  // By op number, not key: the key pads it to 12 digits, which a change set's numbers outgrow.
  return rows.map((r) => r.value as SetAsideOp).sort((a, b) => a.seq - b.seq);
}

/** The user has read it: forget it. (The change itself is on this device only; it never reached the server.) */
export async function forgetSetAside(db: FieldDeskDb, seq: number): Promise<void> {
  await db.syncState.delete(rejectedKey(seq));
}
