import Dexie, { type Table, type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTable, type Middleware } from 'dexie';
import { FILL_KEY } from '../../../sync/state-keys';
import { markBackground } from '../../activity';
import { abortQuietly, bothOrNeither, placeWrite } from '../../changelog';
import type { FieldDeskDb } from '../../db';
import { chunkByChunk, oneAtATime, yieldToEventLoop, type ChunkOptions } from './background-run';
import { WORDS_QUEUE_PREFIX } from './word-refresh';

/**
 * Search words in blocks: for each word, the ids of its tickets in a few
 * large records instead of one index entry each.
 *
 * At 100,000 tickets a common word ("user", "printer") has 10,000–20,000
 * entries in the multi-entry `words` index, and Chromium's IndexedDB costs
 * about 23 µs for each index key it returns (it checks every entry against its
 * record), while one 16 KB record reads in about 1 ms. A two-word search that
 * intersected two common words read thousands of keys (150–300 ms). Read from
 * blocks, the same ids cost a few records.
 *
 * The blocks cover the tickets with ids up to a mark kept in meta
 * (`wordBlocksUpTo`); tickets above it (the newest, a few hundred at most) are
 * read from the `words` index as before. Ids are time-ordered (UUIDv7), so
 * new tickets land above the mark, and a background packer moves the mark up
 * a step (1,024 tickets) at a time once 256 have gathered above it
 * (`packWordBlocks`), writing one block per word per step.
 *
 * A block is `{ word, last, ids }`, keyed `[word+last]`: `ids` are the word's
 * ids in one step, ascending, joined by newlines (ids hold no control
 * characters), and `last` is the greatest of them. Read newest first (by
 * `last`, descending), every id above the `last` of the block read last has
 * been seen, which is what the search's walk needs to intersect words a
 * piece at a time (word-walk.ts).
 *
 * A ticket at or below the mark can gain words later (an edit, a work-log
 * entry, a sync). Each such write adds, in its own transaction, a one-id
 * "patch" block for every word it gains, keyed `[word, id + "\0"]` so that it
 * never replaces a step's block. Words a ticket loses stay in the blocks: the
 * search checks every candidate on its record, so a stale id costs a read,
 * never a wrong answer.
 *
 * Tickets a first sync brings in its last tier (closed and older ones: most
 * of them) keep their words out of the `words` index: they are stored as
 * `blockWords`, and the blocks alone find them. At 100,000 tickets the index
 * entries of their words cost three quarters of the first sync (a bare
 * `bulkPut` of the same rows took 417 s with the words, 102 s without), while
 * packing the blocks of every ticket takes about 30 s. So:
 *   - their pages set `wordsToPack` in meta, and once the fill is over the
 *     packer packs every ticket above the mark, not only whole steps (a
 *     ticket above the mark with `blockWords` only would be found by
 *     nothing), then clears it;
 *   - `wordsIndexPartial` stays set from then on: the `words` index no longer
 *     lists every word, so a prefix is expanded from the blocks' keys as well
 *     (word-walk.ts) and never answered from that index alone (query.ts);
 *   - reads through Dexie see `blockWords` as `words` (`withIndexedWords`),
 *     so a screen, a filter or an edit never tells the two apart, and an edit
 *     writes `words` again (the ticket is then indexed like any other).
 */
export const WORD_BLOCKS = 'wordBlocks';
export const WORD_BLOCKS_UP_TO = 'wordBlocksUpTo';
export const WORDS_TO_PACK = 'wordsToPack';
export const WORDS_INDEX_PARTIAL = 'wordsIndexPartial';

export interface WordBlock {
  word: string;
  last: string;
  /** Ascending ids, newline-separated. */
  ids: string;
}

/**
 * This window's copy of the mark, for the write path (which cannot afford a
 * read of meta in every save). `packing` counts packing transactions under
 * way: while one is, every ticket write patches the words it gains, since
 * the step's mark is not known until the packer has read its tickets.
 * Too high a mark only costs patches that were not needed; too low would lose
 * words, so the packer raises it before it writes, and a failed transaction
 * that touched the mark reloads it. One window writes the database (the app
 * has one), so no other copy can fall behind.
 */
export interface WordBlockState {
  upTo: string | null;
  packing: number;
  /** Mirrors meta's `wordsIndexPartial`: some tickets' words are in the blocks only. */
  partial: boolean;
}

export const newWordBlockState = (): WordBlockState => ({ upTo: null, packing: 0, partial: false });

/** A patch's key part: just above the id, so it cannot be a step block's `last` (ids have no control characters). */
export const patchLast = (id: string): string => `${id}\u0000`;

type Row = Record<string, unknown> & { id: string; words?: string[]; blockWords?: string[]; deleted?: number };

/** A stored row's search words: `words`, or the `blockWords` of a ticket kept out of the index. */
export function wordsOf(row: Pick<Row, 'words' | 'blockWords'> | undefined): string[] | undefined {
  if (Array.isArray(row?.words)) return row.words;
  return Array.isArray(row?.blockWords) ? row.blockWords : undefined;
}

/**
 * Dexie's reading hook on tickets: a row whose words are kept out of the
 * index reads with them as `words`, like any other. The same array is both
 * fields, which is how a writer that keeps such a row out of the index tells
 * it apart (`keptOutOfIndex`).
 */
export function withIndexedWords<T extends Record<string, unknown>>(row: T): T {
  if (row && !Array.isArray(row.words) && Array.isArray(row.blockWords)) return { ...row, words: row.blockWords };
  return row;
}

/** A row read through Dexie whose words are stored as `blockWords` only. */
export const keptOutOfIndex = (row: Pick<Row, 'words' | 'blockWords'>): boolean => Array.isArray(row.blockWords) && row.words === row.blockWords;

/** The words each row gains over its stored version, as one-id patch blocks (none for a tombstone). */
export function patchBlocks(before: readonly (Row | undefined)[], after: readonly Row[]): WordBlock[] {
  const out: WordBlock[] = [];
  after.forEach((row, i) => {
    const words = wordsOf(row);
    if (row.deleted || !words) return;
    const had = new Set(wordsOf(before[i]) ?? []);
    for (const word of words) if (!had.has(word)) out.push({ word, last: patchLast(row.id), ids: row.id });
  });
  return out;
}

/** One block per word for a step of tickets (ascending ids), tombstones left out. */
export function stepBlocks(rows: readonly Row[]): WordBlock[] {
  const byWord = new Map<string, string[]>();
  for (const row of rows) {
    const words = wordsOf(row);
    if (row.deleted || !words) continue;
    for (const word of new Set(words)) {
      const ids = byWord.get(word);
      if (ids) ids.push(row.id);
      else byWord.set(word, [row.id]);
    }
  }
  return [...byWord].map(([word, ids]) => ({ word, last: ids[ids.length - 1]!, ids: ids.join('\n') }));
}

const hasStore = (down: DBCore, name: string) => down.schema.tables.some((t) => t.name === name);

/** A Dexie zone property: transactions opened inside it leave the blocks store out. */
const LEAVE_OUT = 'fielddeskWithoutWordBlocks';
type Zones = { PSD: Record<string, unknown>; newPSD<T>(fn: () => T, props: Record<string, unknown>): T };
const zones = Dexie.Promise as unknown as Zones;

/**
 * Open `open`'s transaction without the blocks store, for a ticket write that
 * cannot change words (an assignment, a status): a store fewer to open and
 * lock is part of what a one-field save costs. Dexie's zone carries the
 * request to the transaction it creates, a microtask later. Should such a
 * write gain words after all, it fails with a message (patching, below)
 * rather than leave a ticket its search cannot find.
 */
export function withoutWordBlocks<T>(open: () => T): T {
  return zones.newPSD(open, { [LEAVE_OUT]: true });
}

/**
 * Keeps the blocks whole as tickets change: a readwrite transaction on
 * tickets also takes the blocks store, and a ticket written at or below the
 * mark adds patch blocks for the words it gains. Mounted outside the change
 * log, so the stored rows an edit has just read come from its cache.
 */
export function wordBlocksMiddleware(state: WordBlockState): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'fielddesk-word-blocks',
    create(down) {
      if (!hasStore(down, WORD_BLOCKS)) return down;
      const reload = () => {
        const trans = down.transaction(['meta'], 'readonly');
        void down
          .table('meta')
          .get({ trans, key: WORD_BLOCKS_UP_TO })
          .then((row: { value?: unknown } | undefined) => {
            state.upTo = typeof row?.value === 'string' ? row.value : null;
          });
      };
      return {
        ...down,
        transaction(stores, mode, options) {
          const widened = mode === 'readwrite' && stores.includes('tickets') && !stores.includes(WORD_BLOCKS) && !zones.PSD[LEAVE_OUT] ? [...stores, WORD_BLOCKS] : stores;
          return down.transaction(widened, mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (name === 'tickets') return noteClears(patching(table, down, state));
          if (name === WORD_BLOCKS) return noteClears(table);
          if (name === 'meta') return mirroringMark(table, state, reload);
          return table;
        },
      };
    },
  };
}

/**
 * Transactions that cleared the tickets or the blocks: a restore, which
 * brings the backup's own blocks and mark. Patching every restored ticket as
 * if new (its stored row is gone) would write a block for each of its words.
 */
const replacing = new WeakSet<object>();

function noteClears(table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
      if (req.type === 'deleteRange') replacing.add(req.trans as object);
      return table.mutate(req);
    },
  };
}

function patching(table: DBCoreTable, down: DBCore, state: WordBlockState): DBCoreTable {
  return {
    ...table,
    mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
      const upTo = state.upTo;
      const all = state.packing > 0;
      if ((upTo === null && !all) || (req.type !== 'put' && req.type !== 'add') || replacing.has(req.trans as object)) return table.mutate(req);
      const rows = (req.values as Row[]).filter((v) => all || (upTo !== null && v.id <= upTo));
      if (rows.length === 0) return table.mutate(req);
      // Placed at once when the stored rows are at hand (an edit has just read its ticket): see early-commit.ts.
      return placeWrite(table, req as DBCoreMutateRequest & { values: Row[] }, rows.map((r) => r.id), (before) => withPatches(req, rows, before));
    },
  };

  function withPatches(req: DBCoreMutateRequest, rows: Row[], before: readonly (Row | undefined)[]): Promise<DBCoreMutateResponse> {
    const patches = patchBlocks(before, rows);
    if (patches.length === 0) return table.mutate(req);
    if (!(req.trans as unknown as IDBTransaction).objectStoreNames.contains(WORD_BLOCKS)) {
      req.trans.abort();
      throw new Error('This change adds search words, but was saved as one that cannot: nothing was saved');
    }
    const written = table.mutate(req);
    const patched = down.table(WORD_BLOCKS).mutate({ type: 'put', trans: req.trans, values: patches });
    // A ticket whose new words did not reach the blocks could not be found by them: write neither.
    return bothOrNeither(req.trans, written, patched).then(([res, p]) => {
      if (p.numFailures > 0) {
        abortQuietly(req.trans);
        throw new Error('Could not record the search words of the change');
      }
      return res;
    });
  }
}

/** Keeps `state.upTo` equal to meta's mark as it is written (a restore brings its own), reloading it when such a write fails. */
function mirroringMark(table: DBCoreTable, state: WordBlockState, reload: () => void): DBCoreTable {
  return {
    ...table,
    async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
      let touched = false;
      if (req.type === 'put' || req.type === 'add') {
        for (const v of req.values as { key?: unknown; value?: unknown }[]) {
          if (v.key !== WORD_BLOCKS_UP_TO) continue;
          touched = true;
          // Raised at once: a write queued behind this transaction must already patch up to the new mark.
          state.upTo = typeof v.value === 'string' ? v.value : null;
        }
      } else if (req.type === 'deleteRange' || (req.type === 'delete' && req.keys.includes(WORD_BLOCKS_UP_TO))) {
        touched = true;
        state.upTo = null;
      }
      if (touched) (req.trans as unknown as EventTarget).addEventListener?.('abort', reload);
      return table.mutate(req);
    },
  };
}

export interface PackOptions extends ChunkOptions {
  /** Tickets per step (one block per word). */
  step?: number;
  /** Fewer tickets than this above the mark are left to the `words` index. */
  minStep?: number;
  /** Tickets per read transaction within a step (default: the whole step in one). */
  readChunk?: number;
  /** Blocks per write transaction within a step (default: all of them in one, with the mark). */
  writeChunk?: number;
  /**
   * The next transaction's size (tickets read, or blocks written) from the
   * last one's and how long it took (ms); without it the sizes stay as given.
   * The first sync's end sizes them to the sync's own budget (apply.ts).
   */
  resize?: (size: number, elapsedMs: number) => number;
}

/** The mark as stored (null: no blocks). */
export async function wordBlocksUpTo(db: FieldDeskDb): Promise<string | null> {
  const v = (await db.meta.get(WORD_BLOCKS_UP_TO))?.value;
  return typeof v === 'string' ? v : null;
}

/**
 * Pack the tickets above the mark into blocks, a step at a time, until
 * fewer than `minStep` are left (none, while `wordsToPack` is set). Waits while synced tickets are still queued
 * for their words (packing a ticket before its words arrive would turn each
 * of them into a patch), and while a first sync fills (`fillRunning`).
 * Returns how many tickets were packed.
 *
 * A step reads its tickets in read-only transactions and writes the blocks
 * and the mark in write transactions of their own, so a save waits behind
 * one of them, never the whole step. With `readChunk` and `writeChunk` a
 * step is cut into several of each, pausing between them (`pause`): the
 * step's blocks stay as large (a search reads as few of them), while no
 * transaction holds the stores for long. The mark is written with the
 * step's last blocks; blocks written before it lie above the mark, where no
 * search reads them (word-walk.ts reads blocks up to the mark), so a step
 * cut short leaves nothing a search sees, and the step is packed again.
 * While a step is under way every ticket write patches the words it gains
 * (`packing`), which covers whatever changes between the reads and the
 * writes.
 */
export async function packWordBlocks(db: FieldDeskDb, { step = 1024, minStep = 256, readChunk, writeChunk, resize, ...run }: PackOptions = {}): Promise<number> {
  const tickets = db.table<Row, string>('tickets');
  const blocks = db.table<WordBlock>(WORD_BLOCKS);
  // Sizes carried from step to step as `resize` adapts them.
  const sizes: Sizes = { read: Math.max(1, Math.min(step, readChunk ?? step)), write: writeChunk, resize };
  const pause = run.pause ?? yieldToEventLoop;
  const stopped = () => run.signal?.aborted === true;
  let packed = 0;
  await chunkByChunk(async () => {
    db.wordBlockState.packing++;
    let n = 0;
    try {
      const perRead = sizes.read;
      const began = performance.now();
      const read = await db.transaction('r', [tickets, db.meta, db.syncState], async (tx) => {
        markBackground(tx.idbtrans);
        if ((await db.syncState.where('key').startsWith(WORDS_QUEUE_PREFIX).limit(1).count()) > 0) return null;
        if ((await db.syncState.get(FILL_KEY)) !== undefined) return null;
        const upTo = await wordBlocksUpTo(db);
        const above = () => (upTo === null ? tickets.orderBy(':id') : tickets.where(':id').above(upTo));
        // Tickets whose words only the blocks will hold are above the mark: every one is packed, a short step too.
        const all = (await db.meta.get(WORDS_TO_PACK)) !== undefined;
        const least = all ? 1 : minStep;
        // Keys first: most looks find too few tickets to pack, and keys cost a fraction of records.
        if ((await above().limit(least).primaryKeys()).length < least) return all ? { upTo, rows: [] as Row[] } : null;
        return { upTo, rows: await above().limit(perRead).toArray() };
      });
      if (read && read.rows.length === perRead) adapt(sizes, 'read', perRead, performance.now() - began, step);
      if (read && read.rows.length === 0 && !stopped()) {
        // Nothing above the mark: every ticket's words are in the blocks or the index.
        await db.transaction('rw', [db.meta], async (tx) => {
          markBackground(tx.idbtrans);
          if ((await wordBlocksUpTo(db)) === read.upTo) await db.meta.delete(WORDS_TO_PACK);
        });
      } else if (read && read.rows.length > 0 && !stopped()) {
        // The rest of the step, a read at a time.
        let full = read.rows.length === perRead;
        while (full && read.rows.length < step) {
          await pause();
          if (stopped()) return false;
          const want = Math.min(sizes.read, step - read.rows.length);
          const from = read.rows[read.rows.length - 1]!.id;
          const t = performance.now();
          const more = await db.transaction('r', [tickets], (tx) => {
            markBackground(tx.idbtrans);
            return tickets.where(':id').above(from).limit(want).toArray();
          });
          read.rows.push(...more);
          full = more.length === want;
          if (full) adapt(sizes, 'read', want, performance.now() - t, step);
        }
        n = await writeStep(db, blocks, read.upTo, read.rows, sizes, pause, stopped);
      }
    } finally {
      db.wordBlockState.packing--;
    }
    packed += n;
    return n === 0;
  }, run);
  return packed;
}

/**
 * A step's blocks, `perWrite` at a time, the last of them with the mark;
 * each transaction first checks that the mark is still where the step's
 * read found it (another packer, or a restore, moved it: the step is not
 * ours to write). Returns the tickets packed (0: not written).
 */
async function writeStep(
  db: FieldDeskDb,
  blocks: Table<WordBlock>,
  upTo: string | null,
  rows: readonly Row[],
  sizes: Sizes,
  pause: () => Promise<void>,
  stopped: () => boolean,
): Promise<number> {
  const all = stepBlocks(rows);
  const mark = rows[rows.length - 1]!.id;
  for (let at = 0; ; ) {
    const size = Math.max(1, sizes.write ?? all.length);
    const last = at + size >= all.length;
    const t = performance.now();
    const wrote = await db.transaction('rw', [blocks, db.meta], async (tx) => {
      markBackground(tx.idbtrans);
      if ((await wordBlocksUpTo(db)) !== upTo) return false;
      await Promise.all([blocks.bulkPut(all.slice(at, at + size)), ...(last ? [db.meta.put({ key: WORD_BLOCKS_UP_TO, value: mark })] : [])]);
      return true;
    });
    if (!wrote) return 0;
    if (last) return rows.length;
    adapt(sizes, 'write', size, performance.now() - t, Infinity);
    at += size;
    await pause();
    if (stopped()) return 0;
  }
}

/** A pack's transaction sizes: tickets per read, blocks per write (undefined: a step's in one). */
interface Sizes {
  read: number;
  write: number | undefined;
  resize: PackOptions['resize'];
}

function adapt(sizes: Sizes, kind: 'read' | 'write', size: number, elapsedMs: number, most: number): void {
  if (!sizes.resize || (kind === 'write' && sizes.write === undefined)) return;
  sizes[kind] = Math.max(1, Math.min(most, Math.round(sizes.resize(size, elapsedMs))));
}

/**
 * Whether a first sync in tiers is filling this device (its state in
 * `syncState`, renderer/src/sync/fill.ts). The fill brings the active tickets
 * first, their ids spread over the whole range, then the older ones: packed
 * meanwhile, the mark would rise past most of the tickets still to come, and
 * each of them would arrive below it and write a one-id patch block per word
 * (tens per ticket). So the packer waits until the fill is over.
 */
export async function fillRunning(db: FieldDeskDb): Promise<boolean> {
  return (await db.syncState.get(FILL_KEY)) !== undefined;
}

/**
 * Keep the blocks packed while the database is open: a look soon after
 * start, `settleMs` after tickets were last written (a sample load, an
 * import, a pull), and every `intervalMs`; each packs once enough new tickets
 * have gathered above the mark. While a first sync fills it looks again
 * every `settleMs` (the fill's last page may write no ticket) and packs
 * nothing until the fill is over. Returns a stop function.
 */
export function startWordPacker(
  db: FieldDeskDb,
  {
    intervalMs = 60_000,
    firstMs = 3000,
    settleMs = 2000,
    pack = {},
    onError,
  }: { intervalMs?: number; firstMs?: number; settleMs?: number; pack?: Pick<PackOptions, 'step' | 'minStep'>; onError?: (e: unknown) => void } = {},
): () => void {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!abort.signal.aborted) timer = setTimeout(() => void run(), ms);
  };
  const pass = oneAtATime((signal) => packWordBlocks(db, { ...pack, signal }), abort.signal, onError);
  const run = async () => {
    let filling = false;
    try {
      filling = await fillRunning(db);
    } catch (e) {
      if (!abort.signal.aborted) onError?.(e);
    }
    if (!filling) await pass();
    schedule(filling ? settleMs : intervalMs);
  };
  // Any committed write to tickets, in this window or another (Dexie's cross-window event); the packer's own
  // writes touch only the blocks and meta, so they do not wake it.
  const ticketsPart = `idb://${db.name}/tickets/`;
  const onWrite = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((p) => p.startsWith(ticketsPart))) schedule(settleMs);
  };
  Dexie.on.storagemutated.subscribe(onWrite);
  schedule(firstMs);
  return () => {
    abort.abort();
    clearTimeout(timer);
    Dexie.on.storagemutated.unsubscribe(onWrite);
  };
}
