import { defineSharedFeature } from '../feature';
import { trainingChannels } from './channels';
import { TRAINING_SYNC_TABLES } from './sync-tables';

/** Training: what it adds to the shared layer (registered in shared/features.ts). */
export const trainingFeature = defineSharedFeature({ id: 'training', syncTables: TRAINING_SYNC_TABLES, channels: trainingChannels });
