import { uuidv7 } from '../../../../../shared/ids/uuidv7';
import type { FieldDeskDb } from '../../db';
import { attendanceRepository } from './attendance';
import { coursesRepository } from './courses';
import { materialsRepository } from './materials';
import { registrationsRepository } from './registrations';
import { sessionsRepository } from './sessions';
import { trainingTables, type RepoContext } from './tables';

/**
 * The training repositories over one database. Screens build them with
 * `useMemo(() => trainingRepositories(db), [db])`; tests pass a fixed clock.
 */
export function trainingRepositories(db: FieldDeskDb, options: { now?: () => string } = {}) {
  const ctx: RepoContext = {
    db,
    t: trainingTables(db),
    now: options.now ?? (() => new Date(db.device.get().clock.now()).toISOString()),
    newId: () => uuidv7(),
  };
  return {
    tables: ctx.t,
    courses: coursesRepository(ctx),
    sessions: sessionsRepository(ctx),
    registrations: registrationsRepository(ctx),
    attendance: attendanceRepository(ctx),
    materials: materialsRepository(ctx),
  };
}
export type TrainingRepositories = ReturnType<typeof trainingRepositories>;
