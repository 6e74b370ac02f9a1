import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANGES_PER_ROW, SLOTS, changeSetRows, deviceSeqOf, opsOfRow, toSyncOp, upgradeLegacyRow, withoutSettled, type OutboxRow, type QueuedChange } from '../../../../shared/sync/outbox';

const change = (i: number): QueuedChange => ({ opId: `op-${i}`, table: 'people', id: `p-${i}`, fields: { name: { value: `n${i}`, stamp: `001700000000000:${String(i).padStart(6, '0')}:dev` } } });
const stored = (seq: number, changes: (QueuedChange | null)[]): OutboxRow => ({ seq, at: 'at', n: changes.filter(Boolean).length, changes });

describe('outbox change sets', () => {
  it('split changes made together into rows of at most CHANGES_PER_ROW, in order', () => {
    const changes = Array.from({ length: CHANGES_PER_ROW * 2 + 1 }, (_, i) => change(i));
    const rows = changeSetRows(changes, 'at');
    expect(rows.map((r) => r.n)).toEqual([CHANGES_PER_ROW, CHANGES_PER_ROW, 1]);
    expect(rows.flatMap((r) => r.changes)).toEqual(changes);
    expect(CHANGES_PER_ROW).toBeLessThanOrEqual(SLOTS);
  });

  it('number op `slot` of row `seq` as seq × SLOTS + slot, and a legacy row as its key', () => {
    expect(deviceSeqOf({ seq: 7 }, 3)).toBe(7 * SLOTS + 3);
    expect(deviceSeqOf({ seq: 7, legacy: 1 }, 0)).toBe(7);
    const ops = opsOfRow(stored(2, [change(0), null, change(2)]));
    expect(ops.map((o) => [o.deviceSeq, o.slot, o.opId])).toEqual([
      [2 * SLOTS, 0, 'op-0'],
      [2 * SLOTS + 2, 2, 'op-2'],
    ]);
    expect(toSyncOp(ops[1]!, 'dev-1')).toEqual({ opId: 'op-2', deviceId: 'dev-1', deviceSeq: 2 * SLOTS + 2, table: 'people', id: 'p-2', fields: change(2).fields });
  });

  it('op numbers never repeat across rows, legacy or not, and stay safe integers for 2^37 rows', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 37 - 1 }), { minLength: 2, maxLength: 20 }), fc.integer({ min: 0, max: SLOTS - 1 }), (seqs, slot) => {
        const numbers = seqs.flatMap((seq) => [deviceSeqOf({ seq }, 0), deviceSeqOf({ seq }, slot)]);
        expect(numbers.every(Number.isSafeInteger)).toBe(true);
        expect(new Set(numbers).size).toBe(new Set(seqs.flatMap((seq) => [`${seq}:0`, `${seq}:${slot}`])).size);
      }),
    );
    // A legacy op is numbered by its key, and every change-set row has a larger key, so a larger number.
    expect(deviceSeqOf({ seq: 1 }, 0)).toBeGreaterThan(deviceSeqOf({ seq: SLOTS - 1, legacy: 1 }, 0));
  });

  it('take settled changes out by slot, leaving holes; an op that is no longer in its slot is left alone; an empty row goes', () => {
    const row = stored(5, [change(0), change(1), change(2)]);
    const once = withoutSettled(row, [{ slot: 1, opId: 'op-1' }]);
    expect(once?.changes.map((c) => c?.opId ?? null)).toEqual(['op-0', null, 'op-2']);
    expect(once?.n).toBe(2);
    expect(row.changes[1]).not.toBeNull(); // the stored copy is not changed in place
    expect(withoutSettled(once!, [{ slot: 0, opId: 'someone-else' }])).toEqual(once);
    expect(withoutSettled(once!, [{ slot: 0, opId: 'op-0' }, { slot: 2, opId: 'op-2' }])).toBeNull();
  });

  it('upgrade a one-change row of data version 10 into a legacy change set; leave a change set as it is', () => {
    const old = { seq: 9, opId: 'op-9', table: 'people', id: 'p-9', fields: change(9).fields, at: 'when' };
    expect(upgradeLegacyRow(old)).toEqual({ seq: 9, at: 'when', n: 1, changes: [{ opId: 'op-9', table: 'people', id: 'p-9', fields: change(9).fields }], legacy: 1 });
    const current = stored(10, [change(1)]);
    expect(upgradeLegacyRow(current as unknown as Record<string, unknown>)).toBe(current);
  });
});
