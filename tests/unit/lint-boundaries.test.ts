/**
 * The feature boundary of eslint.config.mjs: core files importing a feature
 * folder fail lint; importing the registration list passes.
 */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint: the core never imports a feature', () => {
  it.each([
    ['shared/sync/tables.ts', "export { TICKET_SYNC_TABLES } from '../tickets/sync-tables';"],
    ['shared/ipc/contract.ts', "export { accessChannels } from '../access/channels';"],
    ['renderer/src/data/db.ts', "export { wordBlocksMiddleware } from './repositories/tickets/word-blocks';"],
    ['renderer/src/data/schema.ts', "export { documentWords } from '../../../shared/inform/documents';"],
    ['renderer/src/app/Shell.tsx', "export { AccessScreen } from '../features/access/AccessScreen';"],
    ['renderer/src/app/App.tsx', "export { Onboarding } from '../features/onboarding/Onboarding';"],
    ['renderer/src/app/data-context.tsx', "export { peopleRepository } from '../data/repositories/people';"],
    ['renderer/src/sync/apply.ts', "export type { Ticket } from '../../../shared/tickets/schema';"],
    ['electron/services/handlers.ts', "export { createAccessHandlers } from './access/access-handlers';"],
    ['electron/services/ipc/router.ts', "export { createTrainingHandlers } from '../training/training-handlers';"],
    ['server/sync/push.ts', "export { OPERATIONS_SYNC_TABLES } from '../../shared/operations/sync-tables';"],
    // The print layer is core too: features contribute their own layouts on top of it.
    ['shared/print/printHtml.ts', "export { SIGN_IN_LAYOUT } from '../training/print/signInSheet';"],
    ['renderer/src/ui/print/PaperSelect.tsx', "export { usePrint } from '../../features/training/usePrint';"],
    ['electron/browser-host/printer.ts', "export type { PrintableDocument } from '../../shared/training/channels';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restricted(file, code)).toEqual([expect.stringContaining('The core never imports a feature')]);
  });

  it.each([
    ['shared/sync/tables.ts', "export { FEATURE_SYNC_TABLES } from '../features';"],
    ['renderer/src/data/schema.ts', "export { DATA_FEATURES } from './features';"],
    ['renderer/src/app/routes.ts', "export type { UI_FEATURES } from '../features';"],
    ['renderer/src/app/data-context.tsx', "export { profileRepository } from '../data/repositories/profile';"],
    ['electron/services/handlers.ts', "export { SERVICE_FEATURES } from './features';"],
    ['shared/access/print/requestForm.ts', "export { buildPrintHtml } from '../../print/printHtml';"],
    // The registration lists and the features themselves name features.
    ['renderer/src/data/features.ts', "export { ticketsData } from './repositories/tickets/contribution';"],
    ['renderer/src/features/tickets/contribution.ts', "export { TicketsScreen } from './TicketsScreen';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
