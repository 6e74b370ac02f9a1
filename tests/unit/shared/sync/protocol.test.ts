import { describe, expect, it } from 'vitest';
import { formatStamp } from '../../../../shared/sync/hlc';
import { ApplicableOpSchema, PullResponseSchema, PushRequestSchema, unstorableValueReason } from '../../../../shared/sync/protocol';

const stamp = (device = 'dev-1') => formatStamp({ wall: 1_800_000_000_000, counter: 0 }, device);
const op = (over: Record<string, unknown> = {}) => ({
  opId: 'op-1',
  deviceId: 'dev-1',
  deviceSeq: 1,
  table: 'people',
  id: 'p1',
  fields: { name: { value: 'Ada', stamp: stamp() } },
  ...over,
});
const valid = (o: unknown) => ApplicableOpSchema.safeParse(o).success;

describe('ApplicableOpSchema', () => {
  it('accepts an ordinary op', () => {
    expect(valid(op())).toBe(true);
  });

  it.each([
    ['no fields', { fields: {} }],
    ['a bookkeeping field', { fields: { stamps: { value: {}, stamp: stamp() } } }],
    ['a prototype field name', { fields: { constructor: { value: 1, stamp: stamp() } } }],
    ['a stamp of another device', { fields: { name: { value: 'x', stamp: stamp('someone-else') } } }],
    ['a non-stamp', { fields: { name: { value: 'x', stamp: 'yesterday' } } }],
    ['deleted other than 0 or 1', { fields: { deleted: { value: true, stamp: stamp() } } }],
    ['NUL in a value', { fields: { name: { value: 'a\u0000b', stamp: stamp() } } }],
    ['NUL in an id', { id: 'p\u00001' }],
    ['a lone surrogate', { fields: { name: { value: 'a\ud800', stamp: stamp() } } }],
    ['a negative deviceSeq', { deviceSeq: -1 }],
    ['a fractional deviceSeq', { deviceSeq: 1.5 }],
  ])('refuses %s', (_what, over) => {
    expect(valid(op(over))).toBe(false);
  });

  it('refuses values nested deeper than the limit without overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(unstorableValueReason(deep)).toMatch(/nested deeper/);
    expect(valid(op({ fields: { name: { value: deep, stamp: stamp() } } }))).toBe(false);
  });
});

describe('PushRequestSchema', () => {
  it('needs every op to carry an opId, nothing more, so one bad op can be rejected alone', () => {
    expect(PushRequestSchema.safeParse({ ops: [{ opId: 'x', garbage: true }] }).success).toBe(true);
    expect(PushRequestSchema.safeParse({ ops: [{ garbage: true }] }).success).toBe(false);
    expect(PushRequestSchema.safeParse({ ops: Array.from({ length: 501 }, (_, i) => ({ opId: String(i) })) }).success).toBe(false);
  });
});

describe('PullResponseSchema', () => {
  it('tells a page from a resync', () => {
    expect(PullResponseSchema.parse({ status: 'resync', reason: 'horizon', message: 'm', serverTime: 1 }).status).toBe('resync');
    expect(PullResponseSchema.safeParse({ status: 'page', records: [], cursor: 'c', serverTime: 1 }).success).toBe(false);
  });
});
