/**
 * The registration list of main's services: the only file here that names the
 * features. Each feature with IPC channels declares electron/services/<feature>/contribution.ts
 * (its handlers); handlers.ts merges them. A feature with no channels has no
 * entry. Ids are the folder names, as in shared/features.ts
 * (tests/unit/electron/services/features.test.ts checks each feature's handlers are exactly its channels).
 */
import { accessServices } from './access/contribution';
import { informServices } from './inform/contribution';
import { operationsServices } from './operations/contribution';
import { trainingServices } from './training/contribution';

export const SERVICE_FEATURES = [trainingServices, operationsServices, accessServices, informServices] as const;
