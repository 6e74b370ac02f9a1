import { z } from 'zod';

/** Who uses this device. Made on first run; no server is needed to start working. */
export const ProfileInputSchema = z.object({
  staffName: z.string().trim().min(1, 'Enter your name').max(120, 'Must be at most 120 characters'),
  deviceName: z.string().trim().min(1, 'Name this device, such as "Laptop 7"').max(80, 'Must be at most 80 characters'),
});
export type ProfileInput = z.input<typeof ProfileInputSchema>;

export const ProfileSchema = ProfileInputSchema.extend({
  createdAt: z.string(),
  /** The user's staff record in the directory (people), made on this device from the profile's name. */
  personId: z.string().max(64).optional(),
  /** The staff record of the signed-in account on the server, once signed in (it may differ from personId). */
  accountPersonId: z.string().max(64).optional(),
});
export type Profile = z.output<typeof ProfileSchema>;

/**
 * The user's person ids, newest identity first: the account's staff record
 * (once signed in), then the one this device made before sign-in. Work
 * recorded under either is the user's ("me", "(me)", author names).
 */
export function userPersonIds(profile: Pick<Profile, 'personId' | 'accountPersonId'> | null): string[] {
  if (!profile) return [];
  return [...new Set([profile.accountPersonId, profile.personId].filter((x): x is string => typeof x === 'string' && x !== ''))];
}
