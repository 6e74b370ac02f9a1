import { z } from 'zod';

/**
 * A person in the directory: a requester (a court clerk, a school secretary),
 * a trainee, or staff. Tickets, training and access records point at people by id.
 */
export const PERSON_KINDS = ['requester', 'staff'] as const;

const trimmed = (max: number) => z.string().trim().max(max, `Must be at most ${max} characters`);

export const PersonInputSchema = z.object({
  name: trimmed(200).min(1, 'Name is required'),
  email: z.union([z.literal(''), z.string().trim().max(254).pipe(z.email('Not a valid email address'))]).default(''),
  phone: trimmed(40).default(''),
  agency: trimmed(200).default(''),
  site: trimmed(200).default(''),
  title: trimmed(200).default(''),
  kind: z.enum(PERSON_KINDS).default('requester'),
});
export type PersonInput = z.input<typeof PersonInputSchema>;
export type PersonFields = z.output<typeof PersonInputSchema>;

export const PersonSchema = PersonInputSchema.extend({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  stamps: z.record(z.string(), z.string()),
  deleted: z.union([z.literal(0), z.literal(1)]),
});
export type Person = z.output<typeof PersonSchema>;
