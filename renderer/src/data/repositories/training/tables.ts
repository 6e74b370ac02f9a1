import type { Table } from 'dexie';
import type { AttendanceRecord } from '../../../../../shared/training/attendance';
import type { Completion } from '../../../../../shared/training/completion';
import type { Course } from '../../../../../shared/training/course';
import type { Material, MaterialVersion } from '../../../../../shared/training/material';
import type { Registration } from '../../../../../shared/training/registration';
import type { Session } from '../../../../../shared/training/session';
import type { FieldDeskDb } from '../../db';

/** Typed handles on the training stores (declared in repositories/training/stores.ts). */
export interface TrainingTables {
  courses: Table<Course, string>;
  sessions: Table<Session, string>;
  registrations: Table<Registration, string>;
  attendance: Table<AttendanceRecord, string>;
  completions: Table<Completion, string>;
  materials: Table<Material, string>;
  materialVersions: Table<MaterialVersion, string>;
}

export function trainingTables(db: FieldDeskDb): TrainingTables {
  return {
    courses: db.table<Course, string>('courses'),
    sessions: db.table<Session, string>('sessions'),
    registrations: db.table<Registration, string>('registrations'),
    attendance: db.table<AttendanceRecord, string>('attendance'),
    completions: db.table<Completion, string>('completions'),
    materials: db.table<Material, string>('materials'),
    materialVersions: db.table<MaterialVersion, string>('materialVersions'),
  };
}

/** What every training repository is built from. `now` is injectable so tests can stand at the door at 9:00. */
export interface RepoContext {
  db: FieldDeskDb;
  t: TrainingTables;
  now: () => string;
  newId: () => string;
}

/** Records that are not tombstoned. */
export const alive = <T extends { deleted: 0 | 1 }>(rows: readonly T[]): T[] => rows.filter((r) => r.deleted !== 1);
