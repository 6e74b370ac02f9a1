/**
 * What a feature contributes to the shared layer: its synced tables (each with
 * its spec: merge, schema, write rule) and its IPC channels. Each feature
 * declares one in `shared/<feature>/feature.ts`; the registration list
 * (`shared/features.ts`) is the only place that names them, and the core
 * (`shared/sync/tables.ts`, `shared/ipc/contract.ts`) reads the merged maps
 * from it, never a feature folder.
 */
import type { ChannelSpec } from './ipc/channel-spec';
import type { SyncTableSpec } from './sync/tables-spec';

export interface SharedFeature {
  /** The feature's folder name; every layer's contribution uses the same id. */
  id: string;
  syncTables: Readonly<Record<string, SyncTableSpec>>;
  channels: Readonly<Record<string, ChannelSpec>>;
}

/** Declares a feature's shared contribution, keeping its exact types (table and channel names). */
export const defineSharedFeature = <const F extends SharedFeature>(feature: F): F => feature;

/** `A | B` → `A & B`: the merged map of every feature's contribution keeps each key's own type. */
export type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The features' maps under `key` merged into one, in list order (a later feature cannot silently replace a name: see `mergeContributions`). */
export type Merged<L extends readonly object[], K extends keyof L[number]> = UnionToIntersection<L[number][K]>;

/**
 * Merge each feature's map under `key`, in list order. Two features giving the
 * same name is a programming error, thrown at startup (and by the unit test).
 */
export function mergeContributions<L extends readonly object[], K extends keyof L[number]>(features: L, key: K): Merged<L, K> {
  const merged: Record<string, unknown> = {};
  for (const feature of features) {
    const part = (feature as Record<K, Record<string, unknown> | undefined>)[key] ?? {};
    for (const [name, value] of Object.entries(part)) {
      if (Object.hasOwn(merged, name)) throw new Error(`${String(key)} "${name}" is contributed twice (feature ${(feature as { id?: string }).id ?? '?'})`);
      merged[name] = value;
    }
  }
  return merged as Merged<L, K>;
}
