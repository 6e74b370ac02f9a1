import { WORD_BLOCKS, type WordBlock } from './word-blocks';

/**
 * Newest-first candidates of a search, read from the multi-entry `words`
 * index without reading every key of a common word.
 *
 * Within one word the index holds its tickets' ids in order, and ids are
 * time-ordered (UUIDv7), so one word's newest n tickets are one backward
 * `getAllKeys` of n keys. A query term is a prefix: the union of the few
 * words it starts. Each round reads every word's newest ids to a depth
 * (256, then four times deeper), and the terms are intersected in memory
 * above the "floor": the highest id down to which every term's list is
 * complete. Two common words sharing many tickets cost one or two rounds; a
 * rare pair costs reading down to where the rarer word ends.
 *
 * Where the words are packed in blocks (word-blocks.ts), a word's ids at or
 * below the blocks' mark come from its blocks, a few records newest first,
 * and only the ids above the mark from the index. The candidates are the
 * same; reading them costs a few records instead of thousands of index keys.
 *
 * Dexie cannot read an index backwards in one request, so this reads
 * IndexedDB directly, in short read-only transactions of its own. The caller
 * reads the candidates' records through Dexie (which is what a live query
 * watches) and checks them exactly.
 */

type Id = string;

const FIRST_DEPTH = 256;
/**
 * Once a term's every id is read, its ids the other terms cannot yet confirm
 * (those below the floor) are handed over as candidates when there are at
 * most this many: reading and checking that many records is cheaper than
 * reading a common word's keys all the way down.
 */
const CHECK_ON_RECORDS = 200;
/** Blocks read at first for a word, before its blocks' sizes are known. */
const FIRST_BLOCKS = 4;
/** At most this many blocks in one read. */
const MAX_BLOCKS = 64;

interface WordList {
  word: string;
  /** Newest first, each id once: `above` and then `blocked`. */
  ids: Id[];
  /** `ids` holds every ticket of the word. */
  complete: boolean;
  /** Every id of the word greater than this is in `ids` (while not complete). */
  floor: Id;
  /** From the `words` index: the ids above the blocks' mark (every id, without blocks), newest first. */
  above: Id[];
  aboveComplete: boolean;
  /** How many index keys the last read asked for. */
  aboveAsked: number;
  /** From the blocks, newest first. */
  blocked: Id[];
  blocksRead: number;
  blocksComplete: boolean;
  /** The next block read stops below this key part (the `last` of the block read last). */
  blockUpper: string;
}

export interface Candidates {
  /** Ids that hold every walked term, newest first, all below `below`. */
  ids: Id[];
  /** No more candidates below the last one. */
  done: boolean;
}

const request = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });

const wordsIndex = (idb: IDBDatabase): IDBIndex => idb.transaction('tickets', 'readonly').objectStore('tickets').index('words');

/**
 * The distinct words starting with `prefix`, up to `cap + 1` of them (more
 * than `cap` means the term is too broad to walk). The cursor jumps from one
 * word to the next instead of stepping over every ticket of each. With
 * `blocks` (some tickets' words are in the word blocks only: word-blocks.ts),
 * the blocks' keys are read the same way and the two lists merged.
 */
export async function wordsStartingWith(idb: IDBDatabase, prefix: string, cap: number, { blocks = false }: { blocks?: boolean } = {}): Promise<string[]> {
  const fromIndex = distinctFirstParts(wordsIndex(idb), IDBKeyRange.bound(prefix, `${prefix}\uffff`), cap, (word) => `${word}\u0000`);
  if (!blocks) return fromIndex;
  const store = idb.transaction(WORD_BLOCKS, 'readonly').objectStore(WORD_BLOCKS);
  // Keys `[word, last]`: `[prefix]` sorts before every key of a word starting with it, `[word + "\0"]` after every key of `word`.
  const fromBlocks = distinctFirstParts(store, IDBKeyRange.bound([prefix], [`${prefix}\uffff`]), cap, (word) => [`${word}\u0000`]);
  const merged = [...new Set([...(await fromIndex), ...(await fromBlocks)])].sort();
  return merged.slice(0, cap + 1);
}

/** Up to `cap + 1` distinct words (a key's first part) in `range`, jumping from one word to the next (`after`). */
function distinctFirstParts(source: IDBIndex | IDBObjectStore, range: IDBKeyRange, cap: number, after: (word: string) => IDBValidKey): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const words: string[] = [];
    const r = source.openKeyCursor(range, 'next');
    r.onsuccess = () => {
      const cursor = r.result;
      if (!cursor) return resolve(words);
      const word = (Array.isArray(cursor.key) ? cursor.key[0] : cursor.key) as string;
      words.push(word);
      if (words.length > cap) return resolve(words);
      cursor.continue(after(word)); // the smallest key after `word`
    };
    r.onerror = () => reject(r.error ?? new Error('IndexedDB cursor failed'));
  });
}

/** The greatest ticket id (null: none), read directly: a live query should not re-run on every ticket write for it. */
export async function newestTicketId(idb: IDBDatabase): Promise<Id | null> {
  const r = await request(idb.transaction('tickets', 'readonly').objectStore('tickets').openKeyCursor(null, 'prev'));
  return r ? (r.primaryKey as Id) : null;
}

/** Can this IndexedDB read backwards with getAll/getAllKeys (IndexedDB 3.0 options)? Asked once. */
let backwards: boolean | null = null;
function readsBackwards(index: IDBIndex): boolean {
  if (backwards === null) {
    try {
      index.getAllKeys({ query: IDBKeyRange.only(''), count: 1, direction: 'prev' } as unknown as IDBKeyRange);
      backwards = true;
    } catch {
      // Older engines take the options object for a key and refuse it.
      backwards = false;
    }
  }
  return backwards;
}

/** The newest `count` values in `range`, by a backward getAll where the engine has one, else a cursor. */
function lastValues<T>(source: IDBObjectStore | IDBIndex, range: IDBKeyRange, count: number, back: boolean): Promise<T[]> {
  if (back) return request(source.getAll({ query: range, count, direction: 'prev' } as unknown as IDBKeyRange)) as Promise<T[]>;
  return new Promise((resolve, reject) => {
    const out: T[] = [];
    const r = source.openCursor(range, 'prev');
    r.onsuccess = () => {
      const cursor = r.result;
      if (!cursor || out.push(cursor.value as T) >= count) return resolve(out);
      cursor.continue();
    };
    r.onerror = () => reject(r.error ?? new Error('IndexedDB cursor failed'));
  });
}

/**
 * With blocks, the ids above the mark are few (the tickets since the last
 * packing step), and each index key costs as much as a few blocks' worth of
 * ids: the first read asks for this many, later ones eight times more.
 */
const FIRST_ABOVE = 32;

/**
 * A word's newest `depth` ids from the index (every id where the engine
 * cannot read backwards), keeping those above the mark.
 */
async function readAbove(index: IDBIndex, list: WordList, walkDepth: number, back: boolean, upTo: Id | null): Promise<void> {
  const depth = upTo === null ? walkDepth : Math.min(walkDepth, list.aboveAsked === 0 ? FIRST_ABOVE : list.aboveAsked * 8);
  list.aboveAsked = depth;
  const keys = back
    ? ((await request(index.getAllKeys({ query: IDBKeyRange.only(list.word), count: depth, direction: 'prev' } as unknown as IDBKeyRange))) as Id[])
    : ((await request(index.getAllKeys(IDBKeyRange.only(list.word)))) as Id[]).reverse();
  list.above = upTo === null ? keys : keys.filter((id) => id > upTo);
  // Newest first: once an id at or below the mark shows, every id above it has.
  list.aboveComplete = !back || keys.length < depth || list.above.length < keys.length;
}

/** More of a word's blocks, newest first, aiming at `want` ids from the blocks in all. */
async function readBlocks(idb: IDBDatabase, list: WordList, want: number, back: boolean): Promise<void> {
  const perBlock = list.blocksRead > 0 ? list.blocked.length / list.blocksRead : 0;
  const count = perBlock > 0 ? Math.min(MAX_BLOCKS, Math.max(2, Math.ceil((want - list.blocked.length) / perBlock))) : FIRST_BLOCKS;
  const store = idb.transaction(WORD_BLOCKS, 'readonly').objectStore(WORD_BLOCKS);
  const range = IDBKeyRange.bound([list.word, ''], [list.word, list.blockUpper], false, true);
  const blocks = await lastValues<WordBlock>(store, range, count, back);
  for (const b of blocks) list.blocked.push(...b.ids.split('\n').reverse());
  list.blocksRead += blocks.length;
  if (blocks.length < count) list.blocksComplete = true;
  else list.blockUpper = blocks[blocks.length - 1]!.last;
}

/** Bring the merged view of a list up to date after a read. */
function settle(list: WordList, upTo: Id | null): void {
  const seen = new Set(list.above);
  const ids = [...list.above];
  // Patch blocks interleave with step blocks: keep newest first and each id once.
  const blocked = [...list.blocked].sort().reverse();
  for (const id of blocked) {
    if (seen.has(id)) continue;
    seen.add(id);
    ids.push(id);
  }
  list.ids = ids;
  list.complete = list.aboveComplete && list.blocksComplete;
  list.floor = !list.aboveComplete
    ? (list.above[list.above.length - 1] ?? '\uffff')
    : list.blocksComplete
      ? ''
      : list.blocksRead > 0
        ? list.blockUpper
        : (upTo ?? '');
}

/**
 * A search's terms walked newest first. Made per query (it caches what it
 * has read); `next` can be called again with a lower `below` to page on.
 */
export class WordWalk {
  private depth = 0;
  /** What the walk has read so far (for the benchmark's probe). */
  readonly stats = { rounds: 0, indexKeys: 0, blocks: 0, blockIds: 0, readMs: 0 };

  private constructor(
    private readonly idb: IDBDatabase,
    private readonly terms: WordList[][],
    private readonly backwards: boolean | undefined,
    private readonly upTo: Id | null,
  ) {}

  /**
   * `termWords[i]` lists the exact words term i stands for; a term with none
   * matches nothing. `upTo` is the blocks' mark (null: no blocks; every id
   * comes from the index). `newest` is the newest ticket id when known (null:
   * no tickets), which spares reading the index when the mark has reached it.
   * `backwards` forces the engine check's answer (tests).
   */
  static of(
    idb: IDBDatabase,
    termWords: readonly (readonly string[])[],
    { backwards, upTo = null, newest }: { backwards?: boolean; upTo?: Id | null; newest?: Id | null } = {},
  ): WordWalk {
    const blocks = upTo !== null && idb.objectStoreNames.contains(WORD_BLOCKS) ? upTo : null;
    // Every ticket packed (the newest id at or below the mark): the blocks hold everything, the index is not read.
    const allPacked = blocks !== null && newest !== undefined && (newest === null || newest <= blocks);
    return new WordWalk(
      idb,
      termWords.map((ws) =>
        ws.map((word) => ({
          word,
          ids: [],
          complete: false,
          floor: '\uffff',
          above: [],
          aboveComplete: allPacked,
          aboveAsked: 0,
          blocked: [],
          blocksRead: 0,
          blocksComplete: blocks === null,
          // Every block of the mark's ids (a patch of the mark itself is `mark + "\0"`), none above it.
          blockUpper: blocks === null ? '' : `${blocks}\u0001`,
        })),
      ),
      backwards,
      blocks,
    );
  }

  /** Below this id every term's list is complete as read (null: complete all the way down). */
  private floor(): Id | null {
    let floor: Id | null = null;
    for (const term of this.terms) {
      for (const w of term) {
        if (w.complete) continue;
        if (floor === null || w.floor > floor) floor = w.floor;
      }
    }
    return floor;
  }

  /** Ids above `floor` and below `below` held by every term, newest first. */
  private matches(floor: Id | null, below: Id | null): Id[] {
    const sets = this.terms.map((term) => {
      const s = new Set<Id>();
      for (const w of term) for (const id of w.ids) if ((floor === null || id > floor) && (below === null || id < below)) s.add(id);
      return s;
    });
    sets.sort((a, b) => a.size - b.size);
    const [smallest, ...rest] = sets;
    const out = [...(smallest ?? [])].filter((id) => rest.every((s) => s.has(id)));
    return out.sort().reverse();
  }

  /**
   * Up to `want` candidate ids below `below` (null: from the newest), newest
   * first. May return more than `want` (with `done`) when the rest are
   * cheaper to check on their records than to confirm from the index.
   */
  async next(below: Id | null, want: number): Promise<Candidates> {
    if (this.terms.length === 0 || this.terms.some((t) => t.length === 0)) return { ids: [], done: true };
    for (;;) {
      const floor = this.depth === 0 ? '\uffff' : this.floor();
      const found = this.matches(floor, below);
      if (found.length >= want) return { ids: found.slice(0, want), done: false };
      if (floor === null) return { ids: found, done: true };
      const unconfirmed = this.depth > 0 ? this.unconfirmed(floor, below) : null;
      if (unconfirmed !== null && unconfirmed.length <= CHECK_ON_RECORDS) return { ids: [...found, ...unconfirmed], done: true };
      // Deeper, by how far the matches so far suggest the wanted ones reach.
      const factor = Math.min(8, Math.max(2, Math.ceil(((want - found.length) / Math.max(found.length, 1)) * 1.5)));
      this.depth = this.depth === 0 ? FIRST_DEPTH : this.depth * factor;
      const index = wordsIndex(this.idb);
      const back = this.backwards ?? readsBackwards(index);
      const t = performance.now();
      await Promise.all(this.terms.flat().map((w) => this.deepen(w, index, back)));
      this.stats.readMs += performance.now() - t;
      this.stats.rounds++;
      this.stats.indexKeys = this.terms.flat().reduce((n, w) => n + w.aboveAsked, 0);
      this.stats.blocks = this.terms.flat().reduce((n, w) => n + w.blocksRead, 0);
      this.stats.blockIds = this.terms.flat().reduce((n, w) => n + w.blocked.length, 0);
    }
  }

  /** Read a list to the walk's depth: the index above the mark and, side by side, the blocks below it. */
  private async deepen(w: WordList, index: IDBIndex, back: boolean): Promise<void> {
    if (w.complete) return;
    const reads: Promise<void>[] = [];
    if (!w.aboveComplete) reads.push(readAbove(index, w, this.depth, back, this.upTo));
    // The blocks hold the older ids: only as many as the depth still needs beyond what is above the mark.
    if (!w.blocksComplete && w.above.length + w.blocked.length < this.depth) reads.push(readBlocks(this.idb, w, this.depth - w.above.length, back));
    await Promise.all(reads);
    settle(w, this.upTo);
  }

  /** The ids at or below `floor` (and below `below`) of the smallest fully read term, newest first; null if no term is fully read. */
  private unconfirmed(floor: Id, below: Id | null): Id[] | null {
    let best: Id[] | null = null;
    for (const term of this.terms) {
      if (!term.every((w) => w.complete)) continue;
      const ids = new Set<Id>();
      for (const w of term) for (const id of w.ids) if (id <= floor && (below === null || id < below)) ids.add(id);
      if (best === null || ids.size < best.length) best = [...ids];
    }
    return best === null ? null : best.sort().reverse();
  }
}
