import { describe, expect, it } from 'vitest';
import { mergeContributions } from '../../../shared/feature';

describe('mergeContributions', () => {
  it('merges each feature\'s map in list order', () => {
    const merged = mergeContributions([{ id: 'a', syncTables: { x: 1 } }, { id: 'b', syncTables: { y: 2 } }] as const, 'syncTables');
    expect(Object.entries(merged)).toEqual([
      ['x', 1],
      ['y', 2],
    ]);
  });
  it('refuses a name two features give', () => {
    expect(() => mergeContributions([{ id: 'a', channels: { 'a.print': 1 } }, { id: 'b', channels: { 'a.print': 2 } }], 'channels')).toThrow('channels "a.print" is contributed twice (feature b)');
  });
});
