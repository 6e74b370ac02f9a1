/**
 * Dexie stores of the training feature, first added in schema version 3.
 * Owned by the training feature; schema.ts combines the features' stores.
 */
export const TRAINING_STORES_V3: Record<string, string> = {
  courses: '&id, title, system',
  sessions: '&id, courseId, start, status',
  registrations: '&id, sessionId, personId, status',
  attendance: '&id, sessionId, registrationId, [sessionId+at]',
  completions: '&id, sessionId, registrationId',
  materials: '&id, system, title',
  materialVersions: '&id, materialId, [materialId+version]',
};
