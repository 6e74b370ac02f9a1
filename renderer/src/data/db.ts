import Dexie, { type DexieOptions, type Table } from 'dexie';
import { uuidv7 } from '../../../shared/ids/uuidv7';
import type { Person } from '../../../shared/people/schema';
import { HybridClock, latestStamp } from '../../../shared/sync/hlc';
import { changelogMiddleware } from './changelog';
import { stampsOfRow, type OutboxRow } from '../../../shared/sync/outbox';
import { DeviceRef } from './device';
import { newWordBlockState, WORD_BLOCKS_UP_TO, wordBlocksMiddleware, type WordBlockState } from './repositories/tickets/word-blocks';
import { SCHEMA_HISTORY, type SchemaVersion } from './schema';
import { ACTIVE_KEYS_FILL } from './stores/tickets';
import { noteActiveKeysFill } from './repositories/tickets/active-keys';

export interface MetaRow {
  key: string;
  value: unknown;
}

export interface DeviceRecord {
  deviceId: string;
  createdAt: string;
}

export class FieldDeskDb extends Dexie {
  meta!: Table<MetaRow, string>;
  outbox!: Table<OutboxRow, number>;
  people!: Table<Person, string>;
  syncState!: Table<MetaRow, string>;
  readonly device: DeviceRef;
  /** The search-word blocks' mark, as the write path sees it (repositories/tickets/word-blocks.ts). */
  readonly wordBlockState: WordBlockState = newWordBlockState();
  /** Every write's durability; saves placed beside Dexie (direct-save.ts) use it too. */
  readonly durability: IDBTransactionDurability;

  constructor(name: string, device: DeviceRef, options: DexieOptions = {}, history: SchemaVersion[] = SCHEMA_HISTORY) {
    // Strict durability: a write the user saw succeed is on disk, even if the laptop loses power next.
    const durability = options.chromeTransactionDurability ?? 'strict';
    super(name, { ...options, chromeTransactionDurability: durability });
    this.durability = durability;
    for (const v of history) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
    this.device = device;
    this.use(changelogMiddleware(device));
    // Registered after the change log at the same level, so it wraps it: an edit's patch blocks reuse the change log's read.
    this.use(wordBlocksMiddleware(this.wordBlockState));
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
    const [saved, newest, mark, fill] = await Promise.all([db.meta.get('hlc'), db.outbox.orderBy(':id').last(), db.meta.get(WORD_BLOCKS_UP_TO), db.meta.get(ACTIVE_KEYS_FILL)]);
    db.wordBlockState.upTo = typeof mark?.value === 'string' ? mark.value : null;
    noteActiveKeysFill(db, fill);
    return { deviceId: record.deviceId, hlc: latestStamp([saved?.value as string | undefined, ...stampsOfRow(newest)]) };
  });
  device.set({ deviceId, clock: new HybridClock(deviceId, now, hlc) });
  return db;
}
