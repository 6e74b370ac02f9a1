import { defineScreenFeature } from '../../app/feature';
import { useData } from '../../app/data-context';
import { useDailyBackup } from './backup/useDailyBackup';
import { SettingsScreen } from './SettingsScreen';

/** Settings (registered in renderer/src/features/index.ts), and the daily backup that runs while the frame is open. */
export const settingsScreen = defineScreenFeature({
  id: 'settings',
  frameOnly: true,
  route: { id: 'settings', label: 'Settings', order: 80, shortcut: 'Mod+,', Screen: SettingsScreen },
  useFrameEffect() {
    useDailyBackup(useData().db);
  },
});
