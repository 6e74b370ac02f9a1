/** Scheduled work and reviews: their part of the local database, registered in renderer/src/data/features.ts. */
import { defineDataFeature } from '../../feature';
import { OPERATIONS_STORES_V15 } from './stores';

export const operationsData = defineDataFeature({
  id: 'operations',
  // Schedules and their occurrences, windows and freezes, changes, output jobs and runs, post-incident reviews
  // and action items (stores.ts). New stores only, nothing to upgrade.
  schema: [{ version: 15, stores: OPERATIONS_STORES_V15 }],
});
