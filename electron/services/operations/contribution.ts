import { defineServiceFeature } from '../feature';
import { createOperationsHandlers } from './operations-handlers';

/** Scheduled work and reviews: printing and exporting reviews (registered in electron/services/features.ts). */
export const operationsServices = defineServiceFeature({ id: 'operations', createHandlers: (deps) => createOperationsHandlers(deps) });
