import { defineServiceFeature } from '../feature';
import { draftFilesFor } from '../mail/draft-files';
import { createDocumentPrintHandlers } from './document-print-handlers';
import { createInformHandlers } from './inform-handlers';

/** Keeping people informed in main: status reports to PDF, to a workbook, and to a PDF for a mail draft; documents to PDF (registered in electron/services/features.ts). */
export const informServices = defineServiceFeature({ id: 'inform', createHandlers: (deps) => ({ ...createInformHandlers(deps, draftFilesFor(deps.dataDir)), ...createDocumentPrintHandlers(deps) }) });
