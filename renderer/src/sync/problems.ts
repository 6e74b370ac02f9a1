import type { FieldDeskDb } from '../data/db';
import type { QuarantinedRecord } from './quarantine';
import { QUARANTINE_PREFIX, REJECTED_PREFIX } from './state-keys';

/**
 * How many sync problems wait for the user: changes the server refused (until
 * dismissed) and pulled records held back in quarantine (until dismissed or
 * mended). The status bar warns while this is above zero.
 */
export async function syncProblemCount(db: FieldDeskDb): Promise<number> {
  const refused = await db.syncState.where('key').startsWith(REJECTED_PREFIX).count();
  const held = await db.syncState.where('key').startsWith(QUARANTINE_PREFIX).toArray();
  return refused + held.filter((r) => !(r.value as QuarantinedRecord).dismissed).length;
}
