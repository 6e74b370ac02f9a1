import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatStamp } from '../../../../shared/sync/hlc';
import { canonicalJson, mergeRecord, type RecordState } from '../../../../shared/sync/merge';
import type { FieldChange } from '../../../../shared/sync/ops';

const st = (wall: number, device: string, counter = 0) => formatStamp({ wall, counter }, device);
const change = (value: unknown, stamp: string): FieldChange => ({ value, stamp });

describe('mergeRecord (lww)', () => {
  it('creates a record from the first op', () => {
    const out = mergeRecord('lww', null, { name: change('Ada', st(1, 'a')) });
    expect(out.created).toBe(true);
    expect(out.record).toEqual({ fields: { name: 'Ada' }, stamps: { name: st(1, 'a') } });
    expect(out.changed).toEqual(['name']);
  });

  it('keeps the newer stamp per field and merges different fields', () => {
    const stored: RecordState = { fields: { name: 'Ada', site: 'North' }, stamps: { name: st(10, 'a'), site: st(10, 'a') } };
    const out = mergeRecord('lww', stored, { name: change('Old', st(5, 'b')), site: change('South', st(20, 'b')), phone: change('1', st(1, 'b')) });
    expect(out.record.fields).toEqual({ name: 'Ada', site: 'South', phone: '1' });
    expect(out.changed.sort()).toEqual(['phone', 'site']);
    expect(out.lost.map((l) => [l.field, l.value])).toEqual(expect.arrayContaining([['name', 'Old'], ['site', 'North']]));
  });

  it('breaks a tie on time by device id, the same on every replica', () => {
    const fromA = { title: change('A', st(100, 'device-a')) };
    const fromB = { title: change('B', st(100, 'device-b')) };
    const ab = mergeRecord('lww', mergeRecord('lww', null, fromA).record, fromB).record;
    const ba = mergeRecord('lww', mergeRecord('lww', null, fromB).record, fromA).record;
    expect(ab).toEqual(ba);
    expect(ab.fields.title).toBe('B');
  });

  it('treats the same write arriving twice as no change', () => {
    const first = mergeRecord('lww', null, { n: change({ x: 1, y: 2 }, st(1, 'a')) }).record;
    const again = mergeRecord('lww', first, { n: change({ y: 2, x: 1 }, st(1, 'a')) });
    expect(again.changed).toEqual([]);
    expect(again.lost).toEqual([]);
  });

  it('keeps a tombstone as an ordinary field: a later edit of another field does not undelete', () => {
    const deleted = mergeRecord('lww', { fields: { name: 'x' }, stamps: { name: st(1, 'a') } }, { deleted: change(1, st(5, 'a')) }).record;
    const edited = mergeRecord('lww', deleted, { name: change('y', st(9, 'b')) }).record;
    expect(edited.fields).toEqual({ name: 'y', deleted: 1 });
  });

  it('stores a missing value as null', () => {
    const out = mergeRecord('lww', null, { note: { stamp: st(1, 'a') } as FieldChange });
    expect(out.record.fields).toEqual({ note: null });
  });

  it('does not let a __proto__ field name reach the prototype', () => {
    const incoming = JSON.parse(`{"__proto__": {"value": {"polluted": true}, "stamp": "${st(1, 'a')}"}}`) as Record<string, FieldChange>;
    const out = mergeRecord('lww', null, incoming);
    expect(Object.getPrototypeOf(out.record.fields)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(out.record.fields, '__proto__')).toBe(true);
  });
});

describe('mergeRecord (append)', () => {
  it('inserts when absent and never updates', () => {
    const first = mergeRecord('append', null, { text: change('worked 2h', st(1, 'a')) });
    expect(first.changed).toEqual(['text']);
    const second = mergeRecord('append', first.record, { text: change('edited', st(9, 'b')) });
    expect(second.changed).toEqual([]);
    expect(second.record.fields.text).toBe('worked 2h');
  });
});

// ---------------------------------------------------------------------------
// Properties: applying the same set of ops in any order, any number of times,
// gives the same state. This is what makes replicas converge.

const devices = ['dev-a', 'dev-b', 'dev-c'];
const fieldNames = ['title', 'body', 'status', 'deleted'];

const opArb = fc.record({
  id: fc.constantFrom('r1', 'r2'),
  fields: fc.dictionary(
    fc.constantFrom(...fieldNames),
    fc.record({
      value: fc.oneof(fc.string({ maxLength: 5 }), fc.integer({ min: 0, max: 3 }), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 })),
      wall: fc.integer({ min: 0, max: 20 }),
      counter: fc.integer({ min: 0, max: 2 }),
      device: fc.constantFrom(...devices),
    }),
    { minKeys: 1 },
  ),
});
type Op = { id: string; fields: Record<string, FieldChange> };
type OpSpec = typeof opArb extends fc.Arbitrary<infer T> ? T : never;
const toOp = (o: OpSpec): Op => ({
  id: o.id,
  fields: Object.fromEntries(Object.entries(o.fields).map(([k, f]) => [k, change(f.value, st(f.wall, f.device, f.counter))])),
});

function applyAll(mode: 'lww' | 'append', ops: readonly Op[]): Record<string, RecordState> {
  const db: Record<string, RecordState> = {};
  for (const op of ops) db[op.id] = mergeRecord(mode, db[op.id], op.fields).record;
  return db;
}

const canon = (db: Record<string, RecordState>) => canonicalJson(db);

describe('merge properties', () => {
  it('lww: any order of the same ops gives the same state', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 12 }).chain((ops) => fc.tuple(fc.constant(ops), fc.shuffledSubarray(ops, { minLength: ops.length, maxLength: ops.length }))), ([ops, shuffled]) => {
        const a = ops.map(toOp);
        const b = shuffled.map(toOp);
        expect(canon(applyAll('lww', b))).toBe(canon(applyAll('lww', a)));
      }),
      { numRuns: 300 },
    );
  });

  it('lww: applying ops again (duplicates, replays) changes nothing', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 10 }), fc.array(fc.nat(), { maxLength: 10 }), (raw, picks) => {
        const ops = raw.map(toOp);
        const once = applyAll('lww', ops);
        const replays = ops.length ? picks.map((p) => ops[p % ops.length] as Op) : [];
        expect(canon(applyAll('lww', [...ops, ...replays]))).toBe(canon(once));
      }),
      { numRuns: 200 },
    );
  });

  it('lww: merging two replicas that saw different subsets converges to the full state', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(opArb, fc.boolean()), { maxLength: 12 }), (tagged) => {
        const all = tagged.map(([o]) => toOp(o));
        const left = tagged.filter(([, l]) => l).map(([o]) => toOp(o));
        const right = tagged.filter(([, l]) => !l).map(([o]) => toOp(o));
        // Exchange: each side applies the other's ops after its own.
        expect(canon(applyAll('lww', [...left, ...right]))).toBe(canon(applyAll('lww', all)));
        expect(canon(applyAll('lww', [...right, ...left]))).toBe(canon(applyAll('lww', all)));
      }),
      { numRuns: 200 },
    );
  });

  it('append: union of entries with distinct ids is order-independent and idempotent', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.uuid(), fc.string({ maxLength: 8 })), { selector: ([id]) => id, maxLength: 10 }), fc.infiniteStream(fc.nat()), (entries, seeds) => {
        const ops: Op[] = entries.map(([id, text], i) => ({ id, fields: { text: change(text, st(i, 'dev-a')) } }));
        const shuffled = [...ops].sort(() => (seeds.next().value % 3) - 1);
        const state = applyAll('append', [...shuffled, ...ops]);
        expect(Object.keys(state).sort()).toEqual(entries.map(([id]) => id).sort());
        expect(canon(state)).toBe(canon(applyAll('append', ops)));
      }),
      { numRuns: 100 },
    );
  });
});
