import { defineServiceFeature } from '../feature';
import { createAccessHandlers } from './access-handlers';

/** Access's services: request forms and reports to PDF or printer, account files, exports (registered in electron/services/features.ts). */
export const accessServices = defineServiceFeature({ id: 'access', createHandlers: (deps) => createAccessHandlers(deps) });
