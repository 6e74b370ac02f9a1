import type { z } from 'zod';
import { parseCell, type CellParseOptions, type RawCell } from './cell-parse';
import type { ColumnMapping, ImportField } from './mapping';

export interface RowIssue {
  /** The file's header text of the offending column (the field's own header if the file has no such column). */
  column: string;
  /** The field key, for the UI to highlight; absent for problems with the whole row. */
  field?: string;
  message: string;
}

/** One bad row of a dry run. `row` is the number the person sees in a spreadsheet program: the header is row 1. */
export interface RowError {
  row: number;
  errors: RowIssue[];
}

export interface RowPlan<S extends z.ZodType> {
  fields: readonly ImportField[];
  mapping: ColumnMapping;
  headers: readonly string[];
  schema: S;
  cell: CellParseOptions;
}

interface Bound {
  field: ImportField;
  index: number | null;
  column: string;
}

/** Which file column feeds which field, resolved once per import rather than per row. */
export function bindFields(plan: Pick<RowPlan<z.ZodType>, 'fields' | 'mapping' | 'headers'>): Bound[] {
  return plan.fields.map((field) => {
    const index = plan.mapping[field.key];
    return index === undefined ? { field, index: null, column: field.header } : { field, index, column: plan.headers[index] ?? field.header };
  });
}

function describeIssue(issue: z.core.$ZodIssue, bound: Bound | undefined, value: unknown): string {
  const label = bound?.field.header ?? (issue.path.map(String).join('.') || 'Row');
  if (value === undefined && issue.code === 'invalid_type') return `Missing ${label}`;
  if (issue.code === 'invalid_value' && 'values' in issue) {
    const allowed = issue.values.map(String).join(', ');
    return `Unknown ${label.toLowerCase()} "${String(value)}"; expected one of: ${allowed}`;
  }
  return issue.message;
}

export type RowOutcome<T> = { ok: true; record: T } | { ok: false; errors: RowIssue[] };

/**
 * Cells of one row → a record the schema accepts, or every reason it is not
 * one. Conversion problems (a bad date) and schema problems (an unknown
 * priority) are reported together, one per field, so the person can fix a
 * row in one go.
 */
export function validateRow<S extends z.ZodType>(cells: readonly RawCell[], plan: RowPlan<S>, bound: readonly Bound[] = bindFields(plan)): RowOutcome<z.output<S>> {
  const record: Record<string, unknown> = {};
  const errors: RowIssue[] = [];
  const failed = new Set<string>();
  for (const b of bound) {
    if (b.index === null) continue;
    const parsed = parseCell(cells[b.index], b.field.type, plan.cell);
    if (parsed.ok) {
      if (parsed.value !== undefined) record[b.field.key] = parsed.value;
    } else {
      errors.push({ column: b.column, field: b.field.key, message: parsed.message });
      failed.add(b.field.key);
    }
  }
  const result = plan.schema.safeParse(record);
  if (!result.success) {
    const byKey = new Map(bound.map((b) => [b.field.key, b]));
    for (const issue of result.error.issues) {
      const key = issue.path.length ? String(issue.path[0]) : '';
      if (failed.has(key)) continue; // already explained by the conversion error
      failed.add(key);
      const b = byKey.get(key);
      errors.push({ column: b?.column ?? key, ...(b ? { field: key } : {}), message: describeIssue(issue, b, record[key]) });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, record: (result as { data: z.output<S> }).data };
}
