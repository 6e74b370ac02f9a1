import type { trainingChannels } from '../../../shared/ipc/channels/training';
import type { HandlerDeps } from '../handlers';
import type { HandlersFor } from '../ipc/router';

/** Handlers for the training channels: printing and calendar export. */
export function createTrainingHandlers(_deps: HandlerDeps): HandlersFor<typeof trainingChannels> {
  return {};
}
