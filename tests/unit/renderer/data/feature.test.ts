import type { Transaction } from 'dexie';
import { describe, expect, it } from 'vitest';
import { composeSchemaHistory, defineDataFeature } from '../../../../renderer/src/data/feature';

describe('composeSchemaHistory', () => {
  it('merges the core\'s and the features\' parts by version, in list order, and runs their upgrades in that order', async () => {
    const ran: string[] = [];
    const a = defineDataFeature({ id: 'a', schema: [{ version: 2, stores: { as: '&id' }, upgrade: async () => void ran.push('a') }] });
    const b = defineDataFeature({ id: 'b', schema: [{ version: 3, stores: { bs: '&id' } }, { version: 2, stores: { bx: '&id' }, upgrade: async () => void ran.push('b') }] });
    const history = composeSchemaHistory([{ version: 1, stores: { meta: '&key' } }, { version: 2, stores: { outbox: '++seq' }, upgrade: async () => void ran.push('core') }], [a, b]);
    expect(history.map((v) => [v.version, Object.keys(v.stores)])).toEqual([
      [1, ['meta']],
      [2, ['outbox', 'as', 'bx']],
      [3, ['bs']],
    ]);
    expect(history[0]!.upgrade).toBeUndefined();
    expect(history[2]!.upgrade).toBeUndefined();
    await history[1]!.upgrade!({} as Transaction);
    expect(ran).toEqual(['core', 'a', 'b']);
  });

  it('refuses a store declared twice in one version', () => {
    const a = defineDataFeature({ id: 'a', schema: [{ version: 2, stores: { shared: '&id' } }] });
    const b = defineDataFeature({ id: 'b', schema: [{ version: 2, stores: { shared: '&id, name' } }] });
    expect(() => composeSchemaHistory([], [a, b])).toThrow('Schema version 2: store "shared" is declared twice (b)');
  });
});
