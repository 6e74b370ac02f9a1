import { uuidv7 } from '../../../../../shared/ids/uuidv7';
import type { FieldDeskDb } from '../../db';
import { ticketRepositories, type Actor } from '../tickets';
import { changesRepository } from './changes';
import { occurrenceGenerator } from './generator';
import { recipientsRepository } from './recipients';
import { reviewsRepository } from './reviews';
import { runsRepository } from './runs';
import { jobsRepository, schedulesRepository, windowsRepository } from './setup';
import { operationsTables, type OpsContext } from './tables';

export interface OperationsRepoOptions {
  now?: () => string;
  newId?: () => string;
  actor?: () => Promise<Actor>;
}

/**
 * The operations repositories over one database. Screens build them with
 * `useMemo(() => operationsRepositories(db), [db])`; tests pass a fixed clock and actor.
 */
export function operationsRepositories(db: FieldDeskDb, options: OperationsRepoOptions = {}) {
  const now = options.now ?? (() => new Date(db.device.get().clock.now()).toISOString());
  const newId = options.newId ?? (() => uuidv7());
  const tickets = ticketRepositories(db, { now, newId, ...(options.actor ? { actor: options.actor } : {}) });
  const ctx: OpsContext = {
    db,
    t: operationsTables(db),
    now,
    newId,
    actor: tickets.actor,
    tickets,
    ticketsWithId: (id) => ticketRepositories(db, { now, newId: () => id, actor: tickets.actor }),
  };
  return {
    tables: ctx.t,
    tickets,
    schedules: schedulesRepository(ctx),
    windows: windowsRepository(ctx),
    jobs: jobsRepository(ctx),
    changes: changesRepository(ctx),
    runs: runsRepository(ctx),
    recipients: recipientsRepository(ctx),
    reviews: reviewsRepository(ctx),
    generator: occurrenceGenerator(ctx),
  };
}
export type OperationsRepositories = ReturnType<typeof operationsRepositories>;
