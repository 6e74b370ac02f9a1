/**
 * Dexie stores of scheduled work and reviews (schema version 15). Owned by the
 * operations feature; repositories/<feature>/contribution.ts places them in the schema history. Indexes are what
 * the screens and the generator query by: occurrences by schedule and by planned
 * time (calendar), runs by job and expected time (today / this week / late),
 * changes by planned start (calendar), action items by review, owner and due date.
 */
export const OPERATIONS_STORES_V15: Record<string, string> = {
  schedules: '&id, kind, name',
  occurrences: '&id, scheduleId, plannedAt',
  maintenanceWindows: '&id, kind',
  changes: '&id, plannedStart, status',
  outputJobs: '&id, scheduleId, name',
  outputRuns: '&id, jobId, expectedAt, status',
  reviews: '&id, status, updatedAt',
  actionItems: '&id, reviewId, ownerId, due',
};
