/**
 * What a feature contributes to the app's frame. Each feature declares one in
 * renderer/src/features/<feature>/contribution.ts; the registration list
 * (renderer/src/features/index.ts) is the only place that names them, and the
 * entry point (main.tsx) hands that list to the core (`registerScreenFeatures`,
 * app/registry.ts). The core (Shell, routes, commands, App) reads what was
 * registered and never imports a feature folder. (The list is handed over
 * rather than imported because every screen imports the UI store, which the
 * router feeds: importing the screens from the router would be a cycle.)
 */
import type { ComponentType } from 'react';
import type { Command } from './commands';

/** A screen in the main navigation: `#/<id>` shows it. */
export interface ScreenRoute {
  id: string;
  /** The navigation's and the palette's name for it. */
  label: string;
  /** Place in the navigation (lower first); the first is where an unknown hash goes. */
  order: number;
  /** The palette's "Go to" shortcut, such as `Mod+1`. */
  shortcut?: string;
  Screen: ComponentType;
}

/** An item of the status bar, in its own error boundary named `name`. */
export interface StatusItem {
  name: string;
  /** Place in the status bar (lower first). */
  order: number;
  Item: ComponentType;
}

export interface ScreenFeature {
  /** The feature's folder name, the same in every layer's list. */
  id: string;
  /**
   * A feature of the frame only, with no data, sync tables or services of its
   * own (reports, settings, the sync status, onboarding): the cross-layer test
   * does not look for it in the other lists.
   */
  frameOnly?: boolean;
  route?: ScreenRoute;
  /** The feature's palette commands (a hook: it may read live data). Keep the array stable between renders (useMemo). */
  useCommands?: () => readonly Command[];
  statusItems?: readonly StatusItem[];
  /** Runs in the frame while it is mounted (the daily backup). */
  useFrameEffect?: () => void;
  /** Shown instead of the frame until the profile exists (one feature gives it). */
  FirstRun?: ComponentType<{ onDone: () => void }>;
}

export const defineScreenFeature = <const F extends ScreenFeature>(feature: F): F => feature;

/** The route ids of a registration list, as a literal union. */
export type RouteIdOf<L extends readonly ScreenFeature[]> = Extract<L[number], { route: ScreenRoute }>['route']['id'];
