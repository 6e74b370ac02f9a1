/**
 * The registration list of the renderer's screens: the only file that names
 * the features for the frame. Each declares renderer/src/features/<feature>/contribution.ts
 * (route, label, navigation order, screen, palette commands, status-bar
 * items); main.tsx hands this list to the core (app/registry.ts). Commands
 * appear in the palette in list order; routes and status items by their `order`.
 * Ids are the folder names, the same as shared/features.ts for the features
 * with data (tests/unit/renderer/features.test.ts).
 */
import { accessScreen } from './access/contribution';
import { informScreen } from './inform/contribution';
import { onboardingScreen } from './onboarding/contribution';
import { operationsScreen } from './operations/contribution';
import { peopleScreen } from './people/contribution';
import { reportsScreen } from './reports/contribution';
import { settingsScreen } from './settings/contribution';
import { syncScreen } from './sync/contribution';
import { ticketsScreen } from './tickets/contribution';
import { trainingScreen } from './training/contribution';

export const UI_FEATURES = [ticketsScreen, trainingScreen, operationsScreen, informScreen, accessScreen, peopleScreen, reportsScreen, settingsScreen, syncScreen, onboardingScreen] as const;
