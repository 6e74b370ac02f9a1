import { defineScreenFeature } from '../../app/feature';
import { SyncStatus } from './SyncStatus';

/** The sync status, first in the status bar (registered in renderer/src/features/index.ts). */
export const syncScreen = defineScreenFeature({
  id: 'sync',
  frameOnly: true,
  statusItems: [{ name: 'Sync status', order: 10, Item: SyncStatus }],
});
