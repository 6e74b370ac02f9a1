import { createHash } from 'node:crypto';
import { formatStamp, parseStamp } from '../../shared/sync/hlc';
import type { LostValue, RecordState } from '../../shared/sync/merge';
import type { ConflictFields } from '../../shared/sync/protocol';

/**
 * Which lost values are worth keeping: long text someone typed, displaced by
 * another device's write. Short values and a device overwriting itself are
 * ordinary edits, not conflicts, and would only be noise.
 */
export interface ConflictPolicy {
  /** A losing string longer than this is kept. */
  longTextChars: number;
  /** Fields always treated as long text, per table, whatever their length. */
  longTextFields: Readonly<Record<string, readonly string[]>>;
}

export const DEFAULT_CONFLICT_POLICY: ConflictPolicy = { longTextChars: 200, longTextFields: {} };

export function isKeptConflict(policy: ConflictPolicy, table: string, lost: LostValue): boolean {
  if (lost.value === null || lost.value === undefined || lost.value === '') return false;
  if (JSON.stringify(lost.value) === JSON.stringify(lost.winnerValue)) return false;
  if (parseStamp(lost.stamp)?.deviceId === parseStamp(lost.winnerStamp)?.deviceId) return false;
  const declared = Object.hasOwn(policy.longTextFields, table) && (policy.longTextFields[table] ?? []).includes(lost.field);
  return declared || (typeof lost.value === 'string' && lost.value.length > policy.longTextChars);
}

/** Same lost write, same id: a conflict is recorded once however often it is computed. */
export function conflictId(table: string, recordId: string, field: string, stamp: string): string {
  return createHash('sha256').update(JSON.stringify([table, recordId, field, stamp])).digest('hex').slice(0, 32);
}

export const SERVER_DEVICE = 'server';

// The oldest possible stamp: any client's later dismissal (deleted: 1) wins over it.
const CONFLICT_STAMP = formatStamp({ wall: 0, counter: 0 }, SERVER_DEVICE);

export function conflictRecord(table: string, recordId: string, lost: LostValue, now: number): { id: string; record: RecordState } {
  const stamp = CONFLICT_STAMP;
  const fields: ConflictFields = {
    table,
    recordId,
    field: lost.field,
    value: lost.value,
    stamp: lost.stamp,
    winnerStamp: lost.winnerStamp,
    at: now,
    deleted: 0,
  };
  const stamps: Record<string, string> = {};
  for (const k of Object.keys(fields)) stamps[k] = stamp;
  return { id: conflictId(table, recordId, lost.field, lost.stamp), record: { fields, stamps } };
}
