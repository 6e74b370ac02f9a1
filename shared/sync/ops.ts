import { z } from 'zod';
import { isStamp } from './hlc';

/** A field's new value with the clock stamp of the write that set it. */
export const FieldChangeSchema = z.object({
  value: z.unknown(),
  stamp: z.string().refine(isStamp, 'not a clock stamp'),
});
export type FieldChange = z.infer<typeof FieldChangeSchema>;

/**
 * One change to one record, as the device's change log records it and as it is
 * pushed. (deviceId, deviceSeq) identifies it for idempotent apply.
 */
export const SyncOpSchema = z.object({
  opId: z.string().min(1).max(64),
  deviceId: z.string().min(1).max(64),
  deviceSeq: z.number().int().positive(),
  table: z.string().min(1).max(64),
  id: z.string().min(1).max(64),
  fields: z.record(z.string().min(1).max(64), FieldChangeSchema),
});
export type SyncOp = z.infer<typeof SyncOpSchema>;

/** Fields every synced record carries. `deleted` is a tombstone: 1 once deleted. */
export const SyncMetaSchema = z.object({
  id: z.string().min(1).max(64),
  stamps: z.record(z.string(), z.string()),
  deleted: z.union([z.literal(0), z.literal(1)]),
});
export type SyncMeta = z.infer<typeof SyncMetaSchema>;

/** Record fields that are bookkeeping, never user data, so never sent as changes. */
export const META_FIELDS = new Set(['id', 'stamps']);
