/** Access's part of the local database, registered in renderer/src/data/features.ts. */
import { defineDataFeature } from '../../feature';
import { ACCESS_STORES_V14 } from './stores';

export const accessData = defineDataFeature({
  id: 'access',
  // Catalog, requests, approvals, grants, procedure ticks, revocations, leavers, reviews, distribution lists.
  schema: [{ version: 14, stores: ACCESS_STORES_V14 }],
});
