import type { ChannelSpec } from '../channel-spec';

/**
 * Training: printing handouts, sign-in sheets, attendance summaries and
 * certificates, and calendar export. Filled in by the training feature.
 */
export const trainingChannels = {} as const satisfies Record<string, ChannelSpec>;
