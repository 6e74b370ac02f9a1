import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patchLast, stepBlocks, WORD_BLOCKS, type WordBlock } from '../../../../renderer/src/data/repositories/tickets/word-blocks';
import { WordWalk, wordsStartingWith } from '../../../../renderer/src/data/repositories/tickets/word-walk';

/**
 * The word walk against a plain IndexedDB store shaped like `tickets` (a
 * multi-entry `words` index), checked against a brute-force filter: every
 * page, read backwards or (for engines without backwards getAllKeys) in full.
 */
const VOCAB = ['print', 'printer', 'printers', 'jam', 'jammed', 'error', 'errors', 'login', 'vpn', 'zoom', 'court', 'courts'];
const N = 1200;
let idb: IDBDatabase;
const docs: { id: string; words: string[] }[] = [];

function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

beforeAll(async () => {
  const rnd = random(7);
  // Skewed frequencies: "print…" is common, "zoom" rare, so walks go both shallow and deep.
  const p = VOCAB.map((_, i) => 0.5 / (1 + i * 0.6));
  for (let i = 0; i < N; i++) {
    const words = VOCAB.filter((_, k) => rnd() < p[k]!);
    docs.push({ id: `018f${i.toString(16).padStart(8, '0')}`, words });
  }
  idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open('word-walk-test', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('tickets', { keyPath: 'id' }).createIndex('words', 'words', { multiEntry: true });
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = idb.transaction('tickets', 'readwrite');
    for (const d of docs) tx.objectStore('tickets').put(d);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
});
afterAll(() => idb.close());

const expected = (terms: string[], below: string | null, from = docs) =>
  from
    .filter((d) => terms.every((t) => d.words.some((w) => w.startsWith(t))) && (below === null || d.id < below))
    .map((d) => d.id)
    .sort()
    .reverse();

/** Every candidate the walk gives, page after page; candidates beyond the confirmed ones are checked here as the repository does on records. */
async function readAllPages(terms: string[], page: number, backwards: boolean, over: { db: IDBDatabase; docs: typeof docs; upTo: string } | null = null): Promise<string[]> {
  // The words a term stands for come from the full index either way (the app keeps every ticket in it).
  const words = await Promise.all(terms.map((t) => wordsStartingWith(idb, t, 24)));
  const walk = over ? WordWalk.of(over.db, words, { backwards, upTo: over.upTo }) : WordWalk.of(idb, words, { backwards });
  const byId = new Map((over?.docs ?? docs).map((d) => [d.id, d]));
  const out: string[] = [];
  let below: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const c = await walk.next(below, page);
    for (let i = 1; i < c.ids.length; i++) expect(c.ids[i]! < c.ids[i - 1]!).toBe(true);
    out.push(...c.ids.filter((id) => terms.every((t) => byId.get(id)!.words.some((w) => w.startsWith(t)))));
    if (c.done || c.ids.length === 0) return out;
    below = c.ids[c.ids.length - 1]!;
  }
  throw new Error('the walk did not end');
}

describe('word walk', () => {
  it('lists the distinct words of a prefix, one cursor jump each, and says when there are more than the cap', async () => {
    expect(await wordsStartingWith(idb, 'print', 24)).toEqual(['print', 'printer', 'printers']);
    expect(await wordsStartingWith(idb, 'cour', 1)).toEqual(['court', 'courts']);
    expect(await wordsStartingWith(idb, 'nothing', 24)).toEqual([]);
  });

  it.each([true, false])('gives exactly the matching ids, newest first, across pages (backwards reads: %s)', async (backwards) => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(['pr', 'printer', 'jam', 'err', 'login', 'vpn', 'zoom', 'court', 'courts'], { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 300 }), async (terms, page) => {
        expect(await readAllPages(terms, page, backwards)).toEqual(expected(terms, null));
      }),
      { numRuns: 40 },
    );
  });

  it('resumes below an id it was never on, and a term with no words matches nothing', async () => {
    const words = await Promise.all(['printer', 'jam'].map((t) => wordsStartingWith(idb, t, 24)));
    const below = docs[700]!.id;
    const c = await WordWalk.of(idb, words).next(below, 5);
    expect(c.ids).toEqual(expected(['printer', 'jam'], below).slice(0, 5));
    expect(await WordWalk.of(idb, [['printer'], []]).next(null, 5)).toEqual({ ids: [], done: true });
  });
});

/**
 * The same walk where the older tickets' words are packed in blocks
 * (word-blocks.ts). To prove the blocks are what answers below the mark,
 * this database's `words` index holds only the tickets above it. Some packed
 * tickets have since gained a word (a patch block each) and some lost one
 * (still in their step's block: the check on the record turns them down).
 */
describe('word walk over blocks', () => {
  let packedDb: IDBDatabase;
  const truth: { id: string; words: string[] }[] = [];
  const MARK = 899;
  let upTo: string;

  beforeAll(async () => {
    const rnd = random(11);
    upTo = docs[MARK]!.id;
    const blocks: WordBlock[] = [];
    // Steps of uneven size, as the packer's steps end wherever the tickets above the mark did.
    for (let from = 0; from <= MARK; ) {
      const to = Math.min(MARK + 1, from + 50 + Math.floor(rnd() * 200));
      blocks.push(...stepBlocks(docs.slice(from, to)));
      from = to;
    }
    for (const [i, d] of docs.entries()) {
      const words = [...d.words];
      if (i <= MARK && i % 29 === 3 && !words.includes('zoom')) {
        words.push('zoom'); // gained since it was packed
        blocks.push({ word: 'zoom', last: patchLast(d.id), ids: d.id });
      }
      if (i <= MARK && i % 31 === 5 && words.length > 0) words.shift(); // lost since it was packed
      truth.push({ id: d.id, words });
    }
    packedDb = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('word-walk-blocks-test', 1);
      r.onupgradeneeded = () => {
        r.result.createObjectStore('tickets', { keyPath: 'id' }).createIndex('words', 'words', { multiEntry: true });
        r.result.createObjectStore(WORD_BLOCKS, { keyPath: ['word', 'last'] });
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = packedDb.transaction(['tickets', WORD_BLOCKS], 'readwrite');
      for (const [i, d] of truth.entries()) tx.objectStore('tickets').put(i <= MARK ? { id: d.id, words: [] } : d);
      for (const b of blocks) tx.objectStore(WORD_BLOCKS).put(b);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  });
  afterAll(() => packedDb.close());

  it.each([true, false])('gives exactly the matching ids, newest first, across pages (backwards reads: %s)', async (backwards) => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(['pr', 'printer', 'jam', 'err', 'login', 'vpn', 'zoom', 'court', 'courts'], { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 300 }), async (terms, page) => {
        expect(await readAllPages(terms, page, backwards, { db: packedDb, docs: truth, upTo })).toEqual(expected(terms, null, truth));
      }),
      { numRuns: 40 },
    );
  });

  it('finds a packed ticket by a word it gained after packing (its patch block), and only through the blocks', async () => {
    const gained = truth.filter((d, i) => i <= MARK && d.words.includes('zoom') && !docs[i]!.words.includes('zoom')).map((d) => d.id);
    expect(gained.length).toBeGreaterThan(5);
    const found = await readAllPages(['zoom'], 50, true, { db: packedDb, docs: truth, upTo });
    for (const id of gained) expect(found).toContain(id);
    // Without the mark the walk reads the index alone, which here holds only the tickets above it.
    const indexOnly = await readAllPages(['zoom'], 50, true, { db: packedDb, docs: truth, upTo: '' });
    expect(indexOnly.filter((id) => id <= upTo)).toEqual([]);
  });

  it('reads no index when told the newest ticket is packed', async () => {
    const words = await Promise.all(['printer', 'jam'].map((t) => wordsStartingWith(idb, t, 24)));
    const walk = WordWalk.of(packedDb, words, { upTo, newest: upTo });
    const c = await walk.next(null, 2000);
    expect(walk.stats.indexKeys).toBe(0);
    // This database does have tickets above the mark: told otherwise, the walk leaves them out.
    expect(c.ids.every((id) => id <= upTo)).toBe(true);
    expect(c.ids.filter((id) => ['printer', 'jam'].every((t) => truth.find((d) => d.id === id)!.words.some((w) => w.startsWith(t))))).toEqual(expected(['printer', 'jam'], null, truth.slice(0, MARK + 1)));
  });
});
