/**
 * The registration list of the shared layer: the only file that names the
 * features. Each feature declares its contribution in shared/<feature>/feature.ts
 * (synced tables, IPC channels); the core reads the merged maps below
 * (`SYNC_TABLES` in shared/sync/tables.ts, `channels` in shared/ipc/contract.ts).
 * The order is the order of the merged maps (people first: others point at them).
 * The renderer (renderer/src/data/features.ts, renderer/src/features/index.ts)
 * and main (electron/services/features.ts) keep lists of their own with the
 * same ids; tests/unit/renderer/features.test.ts and tests/unit/electron/services/features.test.ts check they agree.
 */
import { mergeContributions } from './feature';
import { accessFeature } from './access/feature';
import { informFeature } from './inform/feature';
import { operationsFeature } from './operations/feature';
import { peopleFeature } from './people/feature';
import { ticketsFeature } from './tickets/feature';
import { trainingFeature } from './training/feature';

export const SHARED_FEATURES = [peopleFeature, ticketsFeature, trainingFeature, operationsFeature, accessFeature, informFeature] as const;

export type FeatureId = (typeof SHARED_FEATURES)[number]['id'];

/** Every feature's synced tables, in list order. */
export const FEATURE_SYNC_TABLES = mergeContributions(SHARED_FEATURES, 'syncTables');

/** Every feature's IPC channels, in list order. */
export const FEATURE_CHANNELS = mergeContributions(SHARED_FEATURES, 'channels');
