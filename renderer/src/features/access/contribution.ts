import { useMemo } from 'react';
import { defineScreenFeature } from '../../app/feature';
import { AccessScreen } from './AccessScreen';
import { accessCommands } from './commands';
import { ExpiringCount } from './ExpiringCount';

/** Access in the frame (registered in renderer/src/features/index.ts). */
export const accessScreen = defineScreenFeature({
  id: 'access',
  route: { id: 'access', label: 'Access', order: 50, shortcut: 'Mod+3', Screen: AccessScreen },
  useCommands: () => useMemo(() => accessCommands(), []),
  statusItems: [{ name: 'Expiring access', order: 20, Item: ExpiringCount }],
});
