import { useMemo } from 'react';
import { defineScreenFeature } from '../../app/feature';
import { operationsCommands } from './commands';
import { OpsStatusCounts } from './OpsStatusCounts';
import { ScheduleScreen } from './ScheduleScreen';

/** Scheduled work and reviews in the frame (registered in renderer/src/features/index.ts). */
export const operationsScreen = defineScreenFeature({
  id: 'operations',
  route: { id: 'schedule', label: 'Schedule', order: 30, Screen: ScheduleScreen },
  useCommands: () => useMemo(() => operationsCommands(), []),
  statusItems: [{ name: 'Operations notices', order: 30, Item: OpsStatusCounts }],
});
