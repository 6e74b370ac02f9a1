import type { Ticket } from './schema';
import { currentDue } from './views';

/**
 * Keys a device derives for the ticket list's indexes. IndexedDB leaves a
 * record out of an index whose key is null, so "unassigned" and "no due time"
 * get sentinel keys. Shared so that anything that writes ticket rows (the
 * repositories, the sample-data backup script) writes the same ones.
 */
export const UNASSIGNED = '-';
/** Sorts after every ISO instant: tickets with no running clock go last. */
export const NO_DUE = '~';

export function listKeys(t: Ticket): { assigneeKey: string; due: string } {
  return { assigneeKey: t.assigneeId ?? UNASSIGNED, due: currentDue(t) ?? NO_DUE };
}
