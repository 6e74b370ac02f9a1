import { defineServiceFeature } from '../feature';
import { createTrainingHandlers } from './training-handlers';

/** Training's services: printing, calendar export, handout images (registered in electron/services/features.ts). */
export const trainingServices = defineServiceFeature({ id: 'training', createHandlers: (deps) => createTrainingHandlers(deps) });
