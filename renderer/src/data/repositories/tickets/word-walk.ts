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

interface WordList {
  word: string;
  /** Newest first. */
  ids: Id[];
  /** `ids` holds every ticket of the word. */
  complete: boolean;
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
 * word to the next instead of stepping over every ticket of each.
 */
export function wordsStartingWith(idb: IDBDatabase, prefix: string, cap: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const words: string[] = [];
    const r = wordsIndex(idb).openKeyCursor(IDBKeyRange.bound(prefix, `${prefix}\uffff`), 'next');
    r.onsuccess = () => {
      const cursor = r.result;
      if (!cursor) return resolve(words);
      const word = cursor.key as string;
      words.push(word);
      if (words.length > cap) return resolve(words);
      cursor.continue(`${word}\u0000`); // the smallest key after `word`
    };
    r.onerror = () => reject(r.error ?? new Error('IndexedDB cursor failed'));
  });
}

/** Can this IndexedDB read an index backwards with getAllKeys (IndexedDB 3.0 options)? Asked once. */
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

/** A word's newest `depth` ids (every id where the engine cannot read backwards). */
async function readWord(index: IDBIndex, list: WordList, depth: number, backwards: boolean): Promise<void> {
  if (backwards) {
    list.ids = (await request(index.getAllKeys({ query: IDBKeyRange.only(list.word), count: depth, direction: 'prev' } as unknown as IDBKeyRange))) as Id[];
    list.complete = list.ids.length < depth;
  } else {
    list.ids = ((await request(index.getAllKeys(IDBKeyRange.only(list.word)))) as Id[]).reverse();
    list.complete = true;
  }
}

/**
 * A search's terms walked newest first. Made per query (it caches what it
 * has read); `next` can be called again with a lower `below` to page on.
 */
export class WordWalk {
  private depth = 0;

  private constructor(
    private readonly idb: IDBDatabase,
    private readonly terms: WordList[][],
    private readonly backwards: boolean | undefined,
  ) {}

  /**
   * `termWords[i]` lists the exact words term i stands for; a term with none
   * matches nothing. `backwards` forces the engine check's answer (tests).
   */
  static of(idb: IDBDatabase, termWords: readonly (readonly string[])[], { backwards }: { backwards?: boolean } = {}): WordWalk {
    return new WordWalk(
      idb,
      termWords.map((ws) => ws.map((word) => ({ word, ids: [], complete: false }))),
      backwards,
    );
  }

  /** Below this id every term's list is complete as read (null: complete all the way down). */
  private floor(): Id | null {
    let floor: Id | null = null;
    for (const term of this.terms) {
      for (const w of term) {
        if (w.complete) continue;
        const last = w.ids[w.ids.length - 1];
        if (last === undefined) return '\uffff'; // nothing read yet: nothing known
        if (floor === null || last > floor) floor = last;
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
      const floor = this.floor();
      const found = this.matches(floor, below);
      if (found.length >= want) return { ids: found.slice(0, want), done: false };
      if (floor === null) return { ids: found, done: true };
      const unconfirmed = this.depth > 0 ? this.unconfirmed(floor, below) : null;
      if (unconfirmed !== null && unconfirmed.length <= CHECK_ON_RECORDS) return { ids: [...found, ...unconfirmed], done: true };
      // Deeper, by how far the matches so far suggest the wanted ones reach.
      const factor = Math.min(8, Math.max(2, Math.ceil(((want - found.length) / Math.max(found.length, 1)) * 1.5)));
      this.depth = this.depth === 0 ? FIRST_DEPTH : this.depth * factor;
      const index = wordsIndex(this.idb);
      const backwards = this.backwards ?? readsBackwards(index);
      await Promise.all(this.terms.flat().map((w) => (w.complete ? undefined : readWord(index, w, this.depth, backwards))));
    }
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
