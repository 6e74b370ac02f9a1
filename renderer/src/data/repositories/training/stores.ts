/**
 * Dexie stores of the training feature, first added in schema version 3.
 * Owned by the training feature; repositories/<feature>/contribution.ts places them in the schema history.
 * Indexes are what the screens query by: sessions by start (calendar, list),
 * everything of a session by sessionId (roster, attendance, completions).
 */
export const TRAINING_STORES_V3: Record<string, string> = {
  courses: '&id, title, system',
  sessions: '&id, courseId, startLocal, status',
  registrations: '&id, sessionId, status',
  attendance: '&id, sessionId, registrationId, [sessionId+at]',
  completions: '&id, sessionId, registrationId, courseId',
  materials: '&id, system, title',
  materialVersions: '&id, materialId, [materialId+version]',
};
