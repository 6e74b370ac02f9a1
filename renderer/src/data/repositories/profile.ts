import { ProfileInputSchema, ProfileSchema, type Profile, type ProfileInput } from '../../../../shared/profile/schema';
import { ok, type Result } from '../../../../shared/result';
import { parseWith } from '../../../../shared/validation';
import type { FieldDeskDb } from '../db';

/** The local profile lives in `meta`: it describes this device, so it does not sync. */
export function profileRepository(db: FieldDeskDb) {
  return {
    async get(): Promise<Profile | null> {
      const row = await db.meta.get('profile');
      const parsed = ProfileSchema.safeParse(row?.value);
      return parsed.success ? parsed.data : null;
    },
    async save(input: ProfileInput): Promise<Result<Profile>> {
      const parsed = parseWith(ProfileInputSchema, input, 'profile');
      if (!parsed.ok) return parsed;
      return db.transaction('rw', db.meta, async () => {
        const existing = ProfileSchema.safeParse((await db.meta.get('profile'))?.value);
        const profile: Profile = { ...parsed.value, createdAt: existing.success ? existing.data.createdAt : new Date().toISOString() };
        await db.meta.put({ key: 'profile', value: profile });
        return ok(profile);
      });
    },
  };
}
export type ProfileRepository = ReturnType<typeof profileRepository>;
