/**
 * Dexie stores of the directory (people), first added in schema version 1.
 * Owned by the people feature; contribution.ts places them in the schema history.
 */
export const PEOPLE_STORES_V1: Record<string, string> = {
  people: '&id, name, email, updatedAt',
};

/** Directory search and pickers filter by kind and sort by name. */
export const PEOPLE_STORES_V2: Record<string, string> = {
  people: '&id, name, email, updatedAt, [kind+name], deleted',
};
