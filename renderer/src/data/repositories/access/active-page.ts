import type { Grant } from '../../../../../shared/access/schema';
import type { Person } from '../../../../../shared/people/schema';
import type { AccessTables } from './tables';
import type { FieldDeskDb } from '../../db';

export interface ActiveRow {
  grant: Grant;
  personName: string;
}

export interface ActivePage {
  rows: ActiveRow[];
  /** True when more grants follow the last row shown. */
  more: boolean;
}

const inForce = (g: Grant) => g.deleted !== 1 && (g.status === 'active' || g.status === 'revoking');

/**
 * One screen of the Active view, in people's name order, read by indexes only:
 * people are walked by the `name` index a batch at a time and each batch's grants
 * are read by the `personId` index, until `limit` rows are in hand. The screen
 * never reads every grant or every person (100,000 grants: see bench/access).
 * Grants of people missing from the directory come last, once the directory
 * is exhausted (found from the `personId` index's keys, not the records).
 * The order is the index's (code-unit) order of names, not the locale's.
 */
export async function activeGrantsPage(db: FieldDeskDb, t: AccessTables, limit: number): Promise<ActivePage> {
  const rows: ActiveRow[] = [];
  const people = db.table<Person, string>('people');
  const batch = Math.max(50, limit);
  for (let offset = 0; rows.length <= limit; offset += batch) {
    const persons = await people.orderBy('name').offset(offset).limit(batch).toArray();
    if (persons.length === 0) {
      // The directory is exhausted: grants of people it does not hold (index keys only, then their records).
      const known = new Set(await people.toCollection().primaryKeys());
      const strangers = (await t.grants.orderBy('personId').uniqueKeys()).filter((k) => !known.has(String(k))) as string[];
      const grants = strangers.length ? (await t.grants.where('personId').anyOf(strangers).toArray()).filter(inForce) : [];
      for (const g of grants.sort((a, b) => a.personId.localeCompare(b.personId) || a.id.localeCompare(b.id))) rows.push({ grant: g, personName: 'Someone not in the directory' });
      break;
    }
    const grants = (await t.grants.where('personId').anyOf(persons.map((p) => p.id)).toArray()).filter(inForce);
    const byPerson = new Map<string, Grant[]>();
    for (const g of grants) byPerson.set(g.personId, [...(byPerson.get(g.personId) ?? []), g]);
    for (const p of persons) for (const g of (byPerson.get(p.id) ?? []).sort((a, b) => a.systemId.localeCompare(b.systemId) || a.entitlementId.localeCompare(b.entitlementId))) rows.push({ grant: g, personName: p.name });
  }
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}
