import type { z } from 'zod';
import { parseWith } from '../../shared/validation';
import { ApiError } from './errors';

/** Parse a request body with a shared schema, or answer 400 with zod's message. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const parsed = parseWith(schema, body, what);
  if (!parsed.ok) throw new ApiError('invalid_request', parsed.error.message, parsed.error.fields);
  return parsed.value;
}
