/**
 * What a feature contributes to the local database. Each feature declares one
 * in renderer/src/data/repositories/<feature>/contribution.ts; the registration
 * list (renderer/src/data/features.ts) is the only place that names them. The
 * core (schema.ts, db.ts, app/data-context.tsx) reads them from that list and
 * never imports a feature folder.
 */
import type { DBCore, Middleware, Transaction } from 'dexie';
import type { UnionToIntersection } from '../../../shared/feature';
import type { FieldDeskDb } from './db';

/** A feature's part of one schema version: its stores (Dexie's index syntax; null drops one) and its upgrade. */
export interface FeatureSchemaVersion {
  version: number;
  /** Why this version exists, for the reader of the history. */
  note?: string;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export interface BackgroundJobOptions {
  onError: (e: unknown) => void;
}

export interface BackgroundJob {
  name: string;
  /** Logged with the error when the job fails. */
  failure: string;
  start(db: FieldDeskDb, options: BackgroundJobOptions): () => void;
}

export interface DataFeature {
  /** The feature's folder name, the same in every layer's list. */
  id: string;
  /** The feature's stores per schema version, oldest first. A released version is never edited. */
  schema?: readonly FeatureSchemaVersion[];
  /** Adds the feature's in-memory state to a new database object (before any middleware is mounted). */
  attach?(db: FieldDeskDb): void;
  /** A DBCore middleware mounted after the change log, at the same level, so it wraps it. */
  middleware?(db: FieldDeskDb): Middleware<DBCore>;
  /** Runs inside the transaction that opens the database (meta and outbox, read-write): loads marks into memory. */
  onOpen?(db: FieldDeskDb): Promise<void>;
  /** Background jobs started once the app's database is open; returns their stop function. */
  background?: readonly BackgroundJob[];
  /** Repositories the screens get from `useData()` (app/data-context.tsx), such as the directory's `people`. */
  repositories?(db: FieldDeskDb): Record<string, unknown>;
}

/** Every feature's `repositories`, merged: the type of what `useData()` adds for them. */
export type RepositoriesOf<L extends readonly DataFeature[]> = UnionToIntersection<ReturnType<NonNullable<Extract<L[number], { repositories: unknown }>['repositories']>>>;

export function createRepositories<L extends readonly DataFeature[]>(features: L, db: FieldDeskDb): RepositoriesOf<L> {
  const merged: Record<string, unknown> = {};
  for (const f of features)
    for (const [name, repo] of Object.entries(f.repositories?.(db) ?? {})) {
      if (Object.hasOwn(merged, name)) throw new Error(`Repository "${name}" is contributed twice (feature ${f.id})`);
      merged[name] = repo;
    }
  return merged as RepositoriesOf<L>;
}

export const defineDataFeature = <const F extends DataFeature>(feature: F): F => feature;

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * One schema history from the core's versions and every feature's, merged by
 * version number: a version's stores are the core's, then each feature's in
 * list order, and its upgrades run in the same order. Two parts of one
 * version declaring the same store is a programming error (thrown).
 */
export function composeSchemaHistory(core: readonly SchemaVersion[], features: readonly DataFeature[]): SchemaVersion[] {
  const parts = new Map<number, { stores: Record<string, string | null>; upgrades: ((tx: Transaction) => Promise<void>)[] }>();
  const add = (owner: string, v: SchemaVersion | FeatureSchemaVersion) => {
    const part = parts.get(v.version) ?? { stores: {}, upgrades: [] };
    for (const [store, spec] of Object.entries(v.stores)) {
      if (Object.hasOwn(part.stores, store)) throw new Error(`Schema version ${v.version}: store "${store}" is declared twice (${owner})`);
      part.stores[store] = spec;
    }
    if (v.upgrade) part.upgrades.push(v.upgrade);
    parts.set(v.version, part);
  };
  for (const v of core) add('core', v);
  for (const f of features) for (const v of f.schema ?? []) add(f.id, v);
  return [...parts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([version, { stores, upgrades }]) => {
      const [only] = upgrades;
      const upgrade =
        upgrades.length === 0
          ? undefined
          : upgrades.length === 1
            ? only
            : async (tx: Transaction) => {
                for (const up of upgrades) await up(tx);
              };
      return upgrade ? { version, stores, upgrade } : { version, stores };
    });
}
