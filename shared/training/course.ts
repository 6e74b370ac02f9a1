import { z } from 'zod';
import { IdSchema, SyncedRecordFields, trimmed } from './common';

/** A course: what is taught, to whom, on which system. Sessions are its scheduled runs. */
export const CourseInputSchema = z.object({
  title: trimmed(200).min(1, 'Title is required'),
  system: trimmed(100).min(1, 'System is required'),
  audience: trimmed(500).default(''),
  version: trimmed(40).default('1'),
  description: trimmed(5000).default(''),
  materialIds: z.array(IdSchema).max(100, 'At most 100 materials').default([]),
});
export type CourseInput = z.input<typeof CourseInputSchema>;

export const CourseSchema = CourseInputSchema.extend(SyncedRecordFields);
export type Course = z.output<typeof CourseSchema>;
