import type { SyncTableSpec } from '../sync/tables-spec';

/** Training's synced tables. Attendance and material versions are append-only records. */
export const TRAINING_SYNC_TABLES = {
  courses: { merge: 'lww' },
  sessions: { merge: 'lww' },
  registrations: { merge: 'lww' },
  attendance: { merge: 'append' },
  completions: { merge: 'lww' },
  materials: { merge: 'lww' },
  materialVersions: { merge: 'append' },
} as const satisfies Record<string, SyncTableSpec>;
