import { uuidv7 } from '../../../../../shared/ids/uuidv7';
import type { FieldDeskDb } from '../../db';
import { cachedActor } from '../tickets';
import { catalogRepository } from './catalog';
import { grantsRepository } from './grants';
import { listsRepository } from './lists';
import { requestsRepository } from './requests';
import { reviewsRepository } from './reviews';
import { accessTables, type AccessActor, type AccessContext } from './tables';

/**
 * The access repositories over one database. Screens build them with
 * `useMemo(() => accessRepositories(db), [db])`; tests pass a fixed clock and actor.
 */
export function accessRepositories(db: FieldDeskDb, options: { now?: () => string; actor?: () => Promise<AccessActor>; newId?: () => string } = {}) {
  const ctx: AccessContext = {
    db,
    t: accessTables(db),
    now: options.now ?? (() => new Date(db.device.get().clock.now()).toISOString()),
    newId: options.newId ?? (() => uuidv7()),
    actor: options.actor ?? cachedActor(db),
    deviceId: () => db.device.get().deviceId,
  };
  return {
    ctx,
    tables: ctx.t,
    catalog: catalogRepository(ctx),
    requests: requestsRepository(ctx),
    grants: grantsRepository(ctx),
    reviews: reviewsRepository(ctx),
    lists: listsRepository(ctx),
  };
}
export type AccessRepositories = ReturnType<typeof accessRepositories>;
export type { AccessActor } from './tables';
