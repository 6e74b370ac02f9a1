import { defineSharedFeature } from '../feature';
import { accessChannels } from './channels';
import { ACCESS_SYNC_TABLES } from './sync-tables';

/** Access: what it adds to the shared layer (registered in shared/features.ts). */
export const accessFeature = defineSharedFeature({ id: 'access', syncTables: ACCESS_SYNC_TABLES, channels: accessChannels });
