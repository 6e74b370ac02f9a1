import type { z } from 'zod';
import type { MergeMode } from '../../shared/sync/tables';

/**
 * What a synced table's spec says about its stored records: the shared zod
 * schema (shared/<feature>/sync-tables.ts) when the table has one. Tables
 * without a schema are not checked.
 */
export type SchemaRegistry = Readonly<Record<string, { merge: MergeMode; schema?: z.ZodType }>>;

export interface RecordProblem {
  /** The first field the schema names (`(record)` when the issue is about the record as a whole). */
  field: string;
  reason: string;
}

/** How a stored record looks to the schema: its fields plus its id, as the app stores it. */
export const asStored = (id: string, fields: Readonly<Record<string, unknown>>): Record<string, unknown> => ({ ...fields, id });

/**
 * Why a stored record fails its table's schema (one entry per issue), or []
 * when it passes or its table has no schema. Unknown extra fields pass: the
 * schemas are loose, so a field a newer app added is kept, not refused.
 */
export function recordProblems(tables: SchemaRegistry, table: string, id: string, fields: Readonly<Record<string, unknown>>): RecordProblem[] {
  const schema = Object.hasOwn(tables, table) ? tables[table]?.schema : undefined;
  if (!schema) return [];
  const parsed = schema.safeParse(asStored(id, fields));
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(record)',
    reason: issue.message,
  }));
}
