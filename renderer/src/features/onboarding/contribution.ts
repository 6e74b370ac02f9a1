import { defineScreenFeature } from '../../app/feature';
import { Onboarding } from './Onboarding';

/** The first-run screen, shown until the profile exists (registered in renderer/src/features/index.ts). */
export const onboardingScreen = defineScreenFeature({
  id: 'onboarding',
  frameOnly: true,
  FirstRun: Onboarding,
});
