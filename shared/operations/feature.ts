import { defineSharedFeature } from '../feature';
import { operationsChannels } from './channels';
import { OPERATIONS_SYNC_TABLES } from './sync-tables';

/** Scheduled work and reviews: what it adds to the shared layer (registered in shared/features.ts). */
export const operationsFeature = defineSharedFeature({ id: 'operations', syncTables: OPERATIONS_SYNC_TABLES, channels: operationsChannels });
