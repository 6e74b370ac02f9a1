/** Training's part of the local database, registered in renderer/src/data/features.ts. */
import { defineDataFeature } from '../../feature';
import { TRAINING_STORES_V3 } from './stores';

export const trainingData = defineDataFeature({
  id: 'training',
  // Training came with the help desk in version 3.
  schema: [{ version: 3, stores: TRAINING_STORES_V3 }],
});
