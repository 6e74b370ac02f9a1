import { informChannels } from './channels';
import { documentsChannels } from './documents-channels';
import { defineSharedFeature } from '../feature';
import { INFORM_SYNC_TABLES } from './sync-tables';

/** Keeping people informed: what it adds to the shared layer (registered in shared/features.ts). */
export const informFeature = defineSharedFeature({ id: 'inform', syncTables: INFORM_SYNC_TABLES, channels: { ...informChannels, ...documentsChannels } });
