/**
 * Name rules of the help-desk catalog (agencies, sites, systems). Staff pick
 * these by name alone, in the create form, the filters and the routing
 * rules, so two live records of one kind may not share a name: names are
 * compared tidied (runs of white space as one space, trimmed, NFC, as typed
 * on any device) and without regard to case.
 *
 * A system's categories follow the same comparison because routing rules
 * match a category ignoring case (routing.ts): "Printing" and "printing" in
 * one list would be the same choice twice.
 */

export interface Named {
  id: string;
  name: string;
}

/** The form in which two catalog names are compared. */
export const catalogNameKey = (name: string): string => name.replace(/\s+/g, ' ').trim().normalize('NFC').toLowerCase();

/**
 * The record among `rows` that already has `name`, if any. `selfId` is the
 * record being renamed: it may keep its own name in another case.
 */
export function sameNameAs<T extends Named>(name: string, rows: readonly T[], selfId?: string): T | undefined {
  const key = catalogNameKey(name);
  return rows.find((r) => r.id !== selfId && catalogNameKey(r.name) === key);
}

/** Categories trimmed, blanks dropped, each once (the first spelling wins), in the order given. */
export function distinctCategories(list: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const c = raw.trim();
    const key = catalogNameKey(c);
    if (c === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}
