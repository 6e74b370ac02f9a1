import type { DistributionList, ListMembership } from '../access/schema';

/**
 * Who an output run goes to: the job's customers (people) and the current
 * members of its distribution lists (directory people, by name, and outside
 * addresses). Pure: the caller hands over the lists and memberships it could
 * read; a list it could not find (deleted, not on this device, or not
 * readable by this user) is named "(list removed)" and adds nobody.
 */

export const REMOVED_LIST = '(list removed)';

export interface RecipientPerson {
  id: string;
  name: string;
  /** Why they are proposed: "Customer" and/or the names of the lists they are on. */
  via: string[];
}

export interface OutsideRecipient {
  name: string;
  email: string;
  via: string[];
}

export interface JobListRef {
  id: string;
  /** The list's name, or "(list removed)". */
  name: string;
  removed: boolean;
  /** Current members counted into the proposal (0 for a removed list). */
  members: number;
}

export interface ProposedRecipients {
  people: RecipientPerson[];
  outside: OutsideRecipient[];
  lists: JobListRef[];
}

export interface RecipientsInput {
  customerIds: readonly string[];
  listIds: readonly string[];
  lists: readonly Pick<DistributionList, 'id' | 'name' | 'deleted'>[];
  memberships: readonly Pick<ListMembership, 'listId' | 'personId' | 'name' | 'email' | 'endDate' | 'status' | 'deleted'>[];
  /** The directory (names win over a membership's copied name; an outside address equal to a proposed person's e-mail is that person). */
  people: readonly { id: string; name: string; email?: string; deleted?: 0 | 1 }[];
  /** Local date, YYYY-MM-DD: a member whose end date is before it has left the list. */
  today: string;
}

export const NOT_IN_DIRECTORY = 'Someone not in the directory';

/** A membership that counts today: a member, not a tombstone, its end date not passed. */
export function isCurrentMember(m: Pick<ListMembership, 'status' | 'deleted' | 'endDate'>, today: string): boolean {
  return m.status === 'member' && m.deleted !== 1 && (!m.endDate || m.endDate >= today);
}

export function proposedRecipients(input: RecipientsInput): ProposedRecipients {
  const directory = new Map(input.people.map((p) => [p.id, p]));
  const listsById = new Map(input.lists.filter((l) => l.deleted !== 1).map((l) => [l.id, l]));
  const people = new Map<string, RecipientPerson>();
  const outside = new Map<string, OutsideRecipient>();
  const addPerson = (id: string, fallback: string, via: string) => {
    const known = people.get(id);
    if (known) {
      if (!known.via.includes(via)) known.via.push(via);
      return;
    }
    const p = directory.get(id);
    people.set(id, { id, name: p?.name || fallback || NOT_IN_DIRECTORY, via: [via] });
  };

  for (const id of new Set(input.customerIds)) addPerson(id, '', 'Customer');

  const lists: JobListRef[] = [];
  for (const listId of new Set(input.listIds)) {
    const list = listsById.get(listId);
    if (!list) {
      lists.push({ id: listId, name: REMOVED_LIST, removed: true, members: 0 });
      continue;
    }
    let members = 0;
    for (const m of input.memberships) {
      if (m.listId !== listId || !isCurrentMember(m, input.today)) continue;
      if (m.personId) {
        addPerson(m.personId, m.name, list.name);
        members++;
      } else if (m.email) {
        const key = m.email.toLowerCase();
        const known = outside.get(key);
        if (known) {
          if (!known.via.includes(list.name)) known.via.push(list.name);
        } else outside.set(key, { name: m.name, email: m.email, via: [list.name] });
        members++;
      }
    }
    lists.push({ id: listId, name: list.name, removed: false, members });
  }

  // An outside address that is a proposed person's own address is that person, once.
  const personEmails = new Set([...people.keys()].map((id) => directory.get(id)?.email?.toLowerCase()).filter((e): e is string => !!e));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return {
    people: [...people.values()].sort(byName),
    outside: [...outside.entries()].filter(([key]) => !personEmails.has(key)).map(([, o]) => o).sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email)),
    lists,
  };
}

/** How an outside recipient reads: "Name <address>", or the address alone. */
export const outsideLabel = (o: { name: string; email: string }): string => (o.name ? `${o.name} <${o.email}>` : o.email);
