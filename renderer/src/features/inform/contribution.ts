import { useMemo } from 'react';
import { defineScreenFeature } from '../../app/feature';
import { informReportCommands } from './commands';
import { informUpdateCommands } from './update-commands';
import { KnowledgeScreen } from './KnowledgeScreen';

/** Keeping people informed in the frame: the Knowledge screen (registered in renderer/src/features/index.ts). */
export const informScreen = defineScreenFeature({
  id: 'inform',
  route: { id: 'knowledge', label: 'Knowledge', order: 40, Screen: KnowledgeScreen },
  useCommands: () => useMemo(() => [...informReportCommands(), ...informUpdateCommands()], []),
});
