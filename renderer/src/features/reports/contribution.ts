import { defineScreenFeature } from '../../app/feature';
import { ReportsScreen } from './ReportsScreen';

/** Reports and exports (registered in renderer/src/features/index.ts): a screen over the other features' data. */
export const reportsScreen = defineScreenFeature({
  id: 'reports',
  frameOnly: true,
  route: { id: 'reports', label: 'Reports', order: 70, shortcut: 'Mod+5', Screen: ReportsScreen },
});
