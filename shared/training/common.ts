import { z } from 'zod';
import { SyncMetaSchema } from '../sync/ops';

/** Small schema pieces every training record shares. */
export const trimmed = (max: number) => z.string().trim().max(max, `Must be at most ${max} characters`);

export const IdSchema = z.string().min(1, 'Required').max(64);

/** An instant written by this app: ISO 8601 in UTC, as Date#toISOString gives. */
export const InstantSchema = z.iso.datetime({ message: 'Not a UTC date and time' });

/** Fields each synced training record carries, besides its own. */
export const SyncedRecordFields = {
  ...SyncMetaSchema.shape,
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
};

/** https only: an online session's link goes into calendars and printouts. */
export const HttpsUrlSchema = z
  .string()
  .trim()
  .max(2000, 'Link is too long')
  .pipe(z.url({ protocol: /^https$/, message: 'Use an https:// link' }));
