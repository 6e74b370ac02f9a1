import { defineScreenFeature } from '../../app/feature';
import { PeopleScreen } from './PeopleScreen';

/** The directory in the frame (registered in renderer/src/features/index.ts). */
export const peopleScreen = defineScreenFeature({
  id: 'people',
  route: { id: 'people', label: 'People', order: 60, shortcut: 'Mod+4', Screen: PeopleScreen },
});
