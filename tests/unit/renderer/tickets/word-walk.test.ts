import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const expected = (terms: string[], below: string | null) =>
  docs
    .filter((d) => terms.every((t) => d.words.some((w) => w.startsWith(t))) && (below === null || d.id < below))
    .map((d) => d.id)
    .sort()
    .reverse();

/** Every candidate the walk gives, page after page; candidates beyond the confirmed ones are checked here as the repository does on records. */
async function readAllPages(terms: string[], page: number, backwards: boolean): Promise<string[]> {
  const words = await Promise.all(terms.map((t) => wordsStartingWith(idb, t, 24)));
  const walk = WordWalk.of(idb, words, { backwards });
  const byId = new Map(docs.map((d) => [d.id, d]));
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
