import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { probePositions } from '../../../../renderer/src/data/repositories/tickets/index-probe';

describe('index probes', () => {
  it('give the key at each position of each range, in either direction, and null past a range’s end', async () => {
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('probe-test', 1);
      r.onupgradeneeded = () => r.result.createObjectStore('tickets', { keyPath: 'id' }).createIndex('[status+n+id]', ['status', 'n', 'id']);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    await new Promise<void>((resolve) => {
      const tx = idb.transaction('tickets', 'readwrite');
      for (let i = 0; i < 10; i++) tx.objectStore('tickets').put({ id: `o${i}`, status: 'open', n: String(i).padStart(2, '0') });
      for (let i = 0; i < 3; i++) tx.objectStore('tickets').put({ id: `p${i}`, status: 'pending', n: String(i).padStart(2, '0') });
      tx.oncomplete = () => resolve();
    });
    const range = (s: string) => IDBKeyRange.bound([s], [s, []]);
    const next = await probePositions(idb, 'tickets', '[status+n+id]', [range('open'), range('pending')], [1, 3, 10], 'next');
    expect(next).toEqual([
      [['open', '00', 'o0'], ['open', '02', 'o2'], ['open', '09', 'o9']],
      [['pending', '00', 'p0'], ['pending', '02', 'p2'], null],
    ]);
    const prev = await probePositions(idb, 'tickets', '[status+n+id]', [range('open')], [2, 4], 'prev');
    expect(prev).toEqual([[['open', '08', 'o8'], ['open', '06', 'o6']]]);
    idb.close();
  });
});
