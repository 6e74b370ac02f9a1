import { useState } from 'react';
import type { Command } from './commands';
import type { ScreenFeature, StatusItem } from './feature';
import { registerRoutes, routeFromHash } from './routes';
import { useUi } from './ui-store';

/**
 * The features the frame shows, handed over by the entry point (main.tsx
 * passes renderer/src/features/index.ts). Registering fills the routes, and
 * reads the hash again: the UI store was made before any route was known.
 */
let registered: readonly ScreenFeature[] = [];

export function registerScreenFeatures(features: readonly ScreenFeature[]): void {
  registered = features;
  registerRoutes(features);
  useUi.setState({ route: routeFromHash(location.hash) });
}

export const screenFeatures = (): readonly ScreenFeature[] => registered;

/** Every registered status-bar item, in order. */
export const statusItems = (): StatusItem[] => registered.flatMap((f) => f.statusItems ?? []).sort((a, b) => a.order - b.order);

/** The feature that gives the first-run screen (onboarding). */
export function firstRunFeature(): Required<Pick<ScreenFeature, 'FirstRun'>> {
  const found = registered.find((f) => f.FirstRun);
  if (!found?.FirstRun) throw new Error('No feature gives the first-run screen');
  return { FirstRun: found.FirstRun };
}

const NONE: readonly Command[] = [];

/**
 * The features' palette commands, in list order. The list is fixed once
 * registered, so each feature's hook runs in the same order on every render;
 * the result keeps its identity while no feature's commands changed.
 */
export function useFeatureCommands(): readonly Command[] {
  const parts = registered.map((f) => f.useCommands?.() ?? NONE);
  const [last, setLast] = useState(() => ({ parts, all: parts.flat() }));
  if (parts.length === last.parts.length && parts.every((p, i) => p === last.parts[i])) return last.all;
  const next = { parts, all: parts.flat() };
  setLast(next);
  return next.all;
}

/** Each feature's effect while the frame is mounted (the daily backup). */
export function useFeatureFrameEffects(): void {
  for (const f of registered) f.useFrameEffect?.();
}
