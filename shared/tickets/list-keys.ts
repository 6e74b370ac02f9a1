import { ACTIVE_STATUSES } from './enums';
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

export interface ListKeys {
  assigneeKey: string;
  due: string;
  /**
   * 1 on an active ticket (new, open or pending), absent otherwise. IndexedDB
   * leaves a record whose key part is missing out of an index, so the
   * `[active+…]` indexes hold only active tickets: "All open" and a site's
   * open tickets are one range each, in sort order, instead of a range per
   * status merged (schema v12). Always present as a property, so spreading
   * these keys over a row that used to be active clears it.
   */
  active: 1 | undefined;
}

export const isActiveStatus = (status: string): boolean => (ACTIVE_STATUSES as readonly string[]).includes(status);

export function listKeys(t: Ticket): ListKeys {
  return { assigneeKey: t.assigneeId ?? UNASSIGNED, due: currentDue(t) ?? NO_DUE, active: isActiveStatus(t.status) ? 1 : undefined };
}
