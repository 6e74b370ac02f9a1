import type { FieldChange } from './ops';
import type { MergeMode } from './tables';

/**
 * Field-level merge of one incoming change into one stored record, used by the
 * server when it applies a push and by clients when they apply a pull, so both
 * sides reach the same state from the same inputs.
 *
 * LWW: each field keeps the value with the greatest stamp. Stamps order by
 * time, then counter, then device id (see hlc.ts), so a tie on time is broken
 * the same way everywhere. Equal stamps with different values cannot come from
 * a correct client; they are still resolved deterministically (by the value's
 * canonical JSON) so replicas converge whatever the order of arrival.
 *
 * Append: immutable records merge by union: the first copy is kept, never updated.
 */
export interface RecordState {
  fields: Record<string, unknown>;
  stamps: Record<string, string>;
}

/** A value that lost a merge: either the incoming one, or the stored one it displaced. */
export interface LostValue {
  field: string;
  value: unknown;
  stamp: string;
  winnerValue: unknown;
  winnerStamp: string;
}

export interface MergeOutcome {
  record: RecordState;
  /** Fields whose value or stamp changed; empty when the op changed nothing. */
  changed: string[];
  lost: LostValue[];
  /** True when there was no stored record. */
  created: boolean;
}

const own = (o: object, k: string): boolean => Object.hasOwn(o, k);

// defineProperty, not assignment: a key such as `__proto__` stays plain data.
function put<T>(o: Record<string, T>, k: string, v: T): void {
  Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
}

/** JSON with sorted object keys, so equal values always serialize alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(v as object).sort()) put(sorted, key, (v as Record<string, unknown>)[key]);
      return sorted;
    }
    return v;
  }) ?? 'null';
}

/** Does the incoming (value, stamp) beat the stored one? */
function incomingWins(inStamp: string, inValue: unknown, storedStamp: string, storedValue: unknown): boolean {
  if (inStamp !== storedStamp) return inStamp > storedStamp;
  return canonicalJson(inValue) > canonicalJson(storedValue);
}

export function isEmptyRecord(r: RecordState | null | undefined): boolean {
  return !r || Object.keys(r.stamps).length === 0;
}

export function mergeRecord(mode: MergeMode, stored: RecordState | null | undefined, incoming: Readonly<Record<string, FieldChange>>): MergeOutcome {
  const created = isEmptyRecord(stored);
  const fields: Record<string, unknown> = { ...(stored?.fields ?? {}) };
  const stamps: Record<string, string> = { ...(stored?.stamps ?? {}) };
  const changed: string[] = [];
  const lost: LostValue[] = [];

  if (mode === 'append' && !created) {
    return { record: { fields, stamps }, changed, lost, created };
  }

  for (const name of Object.keys(incoming).sort()) {
    const change = incoming[name] as FieldChange;
    const value = change.value === undefined ? null : change.value;
    if (!own(stamps, name)) {
      put(fields, name, value);
      put(stamps, name, change.stamp);
      changed.push(name);
      continue;
    }
    const storedStamp = stamps[name] as string;
    const storedValue = own(fields, name) ? fields[name] : null;
    if (storedStamp === change.stamp && canonicalJson(storedValue) === canonicalJson(value)) continue; // the same write again
    if (incomingWins(change.stamp, value, storedStamp, storedValue)) {
      lost.push({ field: name, value: storedValue, stamp: storedStamp, winnerValue: value, winnerStamp: change.stamp });
      put(fields, name, value);
      put(stamps, name, change.stamp);
      changed.push(name);
    } else {
      lost.push({ field: name, value, stamp: change.stamp, winnerValue: storedValue, winnerStamp: storedStamp });
    }
  }
  return { record: { fields, stamps }, changed, lost, created };
}

/** A record is a tombstone when its `deleted` field is 1. */
export const isTombstone = (r: RecordState): boolean => r.fields.deleted === 1;
