import { defineScreenFeature } from '../../app/feature';
import { TrainingScreen } from './TrainingScreen';

/** Training in the frame (registered in renderer/src/features/index.ts). */
export const trainingScreen = defineScreenFeature({
  id: 'training',
  route: { id: 'training', label: 'Training', order: 20, shortcut: 'Mod+2', Screen: TrainingScreen },
});
