/**
 * The registration list of the renderer's data layer: the only file here that
 * names the features. Each declares renderer/src/data/repositories/<feature>/contribution.ts
 * (its stores per schema version and upgrades, database middleware, marks read
 * at open, background jobs); schema.ts, db.ts and app/data-context.tsx read
 * this list. Order: a schema version's stores and upgrades, middleware and
 * background jobs follow it. The same ids as shared/features.ts (tests/unit/renderer/features.test.ts).
 */
import type { DataFeature } from './feature';
import { accessData } from './repositories/access/contribution';
import { informData } from './repositories/inform/contribution';
import { operationsData } from './repositories/operations/contribution';
import { peopleData } from './repositories/people/contribution';
import { ticketsData } from './repositories/tickets/contribution';
import { trainingData } from './repositories/training/contribution';

export const DATA_FEATURES = [peopleData, ticketsData, trainingData, operationsData, accessData, informData] as const satisfies readonly DataFeature[];
