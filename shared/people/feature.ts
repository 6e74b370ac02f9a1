import { defineSharedFeature } from '../feature';
import { PEOPLE_SYNC_TABLES } from './sync-tables';

/** The directory: what it adds to the shared layer (registered in shared/features.ts). */
export const peopleFeature = defineSharedFeature({ id: 'people', syncTables: PEOPLE_SYNC_TABLES, channels: {} });
