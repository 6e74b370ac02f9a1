import Dexie, { type DexieOptions, type PromiseExtended, type Table } from 'dexie';
import { uuidv7 } from '../../../shared/ids/uuidv7';
import { HybridClock, latestStamp } from '../../../shared/sync/hlc';
import { Activity, activityMiddleware } from './activity';
import { changelogMiddleware } from './changelog';
import { stampsOfRow, type OutboxRow } from '../../../shared/sync/outbox';
import { DeviceRef } from './device';
import type { DataFeature } from './feature';
import { DATA_FEATURES } from './features';
import { SCHEMA_HISTORY, type SchemaVersion } from './schema';

export interface MetaRow {
  key: string;
  value: unknown;
}

/** A Dexie zone property: transactions begun inside `FieldDeskDb.relaxed` commit without waiting for the disk. */
const RELAXED_ZONE = 'fieldDeskRelaxed';

type CreateTransaction = (mode: IDBTransactionMode, storeNames: string[], schema: unknown, parent?: unknown) => { chromeTransactionDurability?: IDBTransactionDurability };
interface DexieZones {
  PSD: Record<string, unknown>;
  newPSD<T>(fn: () => T, props: Record<string, unknown>): T;
}

export interface DeviceRecord {
  deviceId: string;
  createdAt: string;
}

export class FieldDeskDb extends Dexie {
  meta!: Table<MetaRow, string>;
  outbox!: Table<OutboxRow, number>;
  syncState!: Table<MetaRow, string>;
  readonly device: DeviceRef;
  /** Every write's durability; saves placed beside Dexie (direct-save.ts) use it too. */
  readonly durability: IDBTransactionDurability;

  /** The user's reads and writes in flight: background writers make way for them (activity.ts). */
  readonly activity = new Activity();

  /** The features whose middleware and open-time marks this database runs (features.ts). */
  readonly features: readonly DataFeature[];

  constructor(name: string, device: DeviceRef, options: DexieOptions = {}, history: SchemaVersion[] = SCHEMA_HISTORY, features: readonly DataFeature[] = DATA_FEATURES) {
    // Strict durability: a write the user saw succeed is on disk, even if the laptop loses power next.
    const durability = options.chromeTransactionDurability ?? 'strict';
    super(name, { ...options, chromeTransactionDurability: durability });
    this.durability = durability;
    for (const v of history) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
    this.device = device;
    this.features = features;
    // Dexie makes every transaction with the database's durability; one begun in a `relaxed` zone gets
    // 'relaxed'. Dexie internals (4.x): a Dexie without them keeps every transaction strict, which is safe.
    const self = this as unknown as { _createTransaction?: CreateTransaction };
    const create = self._createTransaction;
    const zones = Dexie.Promise as unknown as Partial<DexieZones>;
    if (typeof create === 'function' && typeof zones.newPSD === 'function') {
      self._createTransaction = (mode, storeNames, schema, parent) => {
        const trans = create(mode, storeNames, schema, parent);
        if (zones.PSD?.[RELAXED_ZONE] === true) trans.chromeTransactionDurability = 'relaxed';
        return trans;
      };
    }
    // A feature's state on the database object (its tables' typed handles come from Dexie itself).
    for (const f of features) f.attach?.(this);
    this.use(changelogMiddleware(device));
    // Features' middleware is registered after the change log at the same level, so it wraps it (the tickets'
    // search-word blocks: an edit's patch blocks reuse the change log's read).
    for (const f of features) {
      const middleware = f.middleware?.(this);
      if (middleware) this.use(middleware);
    }
    this.use(activityMiddleware(this.activity, new Set(['syncState', 'outbox'])));
  }

  /**
   * The transaction `begin` starts (it must return `db.transaction(…)`
   * itself: not an async function, whose extra promise lets the zone leak
   * into the caller's later code) commits as soon as the operating system has the
   * data, without waiting for the disk (Chromium's default since version
   * 121; this database is strict otherwise). For writes that can be made
   * again: pulled pages, whose cursor commits with them, so a power cut
   * loses a page and its cursor together and the pull fetches it again.
   * Never for what the user typed.
   */
  relaxed<T>(begin: () => PromiseExtended<T>): Promise<T> {
    // Dexie begins the transaction in the zone it was asked from. The zone ends when `begin` returns, and
    // the result is taken here, outside it, so code after the await does not run in it (nor begin its own
    // transactions relaxed).
    const zones = Dexie.Promise as unknown as Partial<DexieZones>;
    const started = typeof zones.newPSD === 'function' ? zones.newPSD(begin, { [RELAXED_ZONE]: true }) : begin();
    return new Promise<T>((resolve, reject) => void started.then(resolve, reject));
  }
}

/**
 * Will opening this database upgrade it? `databases` is what
 * `indexedDB.databases()` lists; Dexie stores schema version v as IndexedDB
 * version v × 10. An upgrade can take a while with many records (at 100,000
 * tickets v12 took about half a minute to build its indexes), so the app says
 * so instead of only "Opening".
 */
export function upgradeDue(databases: readonly { name?: string; version?: number }[], name: string, schemaVersion: number): boolean {
  const found = databases.find((d) => d.name === name);
  return found?.version !== undefined && found.version < schemaVersion * 10;
}

export interface OpenOptions extends DexieOptions {
  now?: () => number;
}

/**
 * Open the local database and load this device's identity and clock. The
 * device id is made once, on first open, and never changes: it keys every
 * change this device sends.
 */
export async function openDatabase(name = 'fielddesk', { now = () => Date.now(), ...options }: OpenOptions = {}): Promise<FieldDeskDb> {
  const device = new DeviceRef();
  const db = new FieldDeskDb(name, device, options);
  await db.open();
  // The clock resumes from the newest stamp this device issued: the change log's newest outbox row,
  // or meta's `hlc`, written when rows leave the outbox (settle) and when remote stamps are observed.
  const { deviceId, hlc } = await db.transaction('rw', [db.meta, db.outbox], async () => {
    let record = (await db.meta.get('device'))?.value as DeviceRecord | undefined;
    if (!record) {
      record = { deviceId: uuidv7(now()), createdAt: new Date(now()).toISOString() };
      await db.meta.put({ key: 'device', value: record });
    }
    // Each feature loads its marks in the same transaction (the tickets' search-word blocks and list keys).
    const [saved, newest] = await Promise.all([db.meta.get('hlc'), db.outbox.orderBy(':id').last(), ...db.features.map((f) => f.onOpen?.(db))]);
    return { deviceId: record.deviceId, hlc: latestStamp([saved?.value as string | undefined, ...stampsOfRow(newest)]) };
  });
  device.set({ deviceId, clock: new HybridClock(deviceId, now, hlc) });
  return db;
}
