import type { z } from 'zod';
import { err, ok, type Result } from './result';

/**
 * Parse untrusted input with a schema and turn zod's issues into a message a
 * person can act on, plus per-field messages for forms.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, what = 'input'): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    if (!(key in fields)) fields[key] = issue.message;
  }
  const first = parsed.error.issues[0];
  const where = first && first.path.length ? ` (${first.path.map(String).join('.')})` : '';
  return err('invalid_request', `Invalid ${what}${where}: ${first?.message ?? 'unknown problem'}`, fields);
}
