/**
 * What a feature contributes to main's services: the handlers of its IPC
 * channels (shared/<feature>/channels.ts). Each feature declares one in
 * electron/services/<feature>/contribution.ts; the registration list
 * (electron/services/features.ts) is the only place that names them, and
 * handlers.ts reads them from it, never from a feature folder.
 */
import type { UnionToIntersection } from '../../shared/feature';
import type { HandlerDeps } from './handlers';
import type { Handlers } from './ipc/router';

export interface ServiceFeature {
  /** The feature's folder name, the same in every layer's list. */
  id: string;
  /** The handlers of the feature's channels (HandlersFor<typeof <feature>Channels>). */
  createHandlers(deps: HandlerDeps): Partial<Handlers>;
}

export const defineServiceFeature = <const F extends ServiceFeature>(feature: F): F => feature;

/** Every feature's handlers in one map, typed as the intersection of theirs (so the contract's completeness check still sees each). */
export function createFeatureHandlers<L extends readonly ServiceFeature[]>(features: L, deps: HandlerDeps): UnionToIntersection<ReturnType<L[number]['createHandlers']>> {
  const merged: Record<string, unknown> = {};
  for (const feature of features) {
    for (const [channel, handler] of Object.entries(feature.createHandlers(deps))) {
      if (Object.hasOwn(merged, channel)) throw new Error(`The handler of "${channel}" is contributed twice (feature ${feature.id})`);
      merged[channel] = handler;
    }
  }
  return merged as UnionToIntersection<ReturnType<L[number]['createHandlers']>>;
}
