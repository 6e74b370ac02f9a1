/**
 * Local-only fields (search words, sort keys; `localFields` in
 * shared/sync/tables.ts) are never synced, so a record arriving from the
 * server must have them computed here. A feature registers how for its table;
 * without a registration the record's previous local fields are kept.
 */
export type DeriveLocalFields = (row: Record<string, unknown>) => Record<string, unknown>;

const derivers = new Map<string, DeriveLocalFields>();

export function registerDerivedFields(table: string, derive: DeriveLocalFields): () => void {
  derivers.set(table, derive);
  return () => {
    if (derivers.get(table) === derive) derivers.delete(table);
  };
}

export function deriveLocalFields(table: string, row: Record<string, unknown>): Record<string, unknown> {
  const derive = derivers.get(table);
  return derive ? derive(row) : row;
}
