import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateMerged, validateRecord } from '../../../server/sync/write-rules';
import { SYNC_TABLE_NAMES, SYNC_TABLES } from '../../../shared/sync/tables';
import type { SyncTableSpec } from '../../../shared/sync/tables-spec';
import { FIELD_EDITS, validRecord } from './support/valid-records';

/**
 * A change to a record known valid is checked field by field (only what
 * changed) plus the table's cross-field checks: the verdict must be the one a
 * full check of the merged record gives, for valid and invalid changes alike.
 */
const who = { personId: 'p-1', deviceId: 'dev-1' };

const Value = fc.oneof(
  fc.constantFrom<unknown>(null, 0, 1, -1, 2.5, true, '', ' ', 'banana', 'P9', 'high', 'pending', 'closed', '2027-01-15T08:00:00.000Z', '2020-01-01T00:00:00.000Z', 'not a date', [], ['a'], {}, { text: 'x' }, 'x'.repeat(300)),
  fc.string({ maxLength: 12 }),
  fc.integer(),
);

describe('validation of a change to a valid record', () => {
  for (const table of SYNC_TABLE_NAMES) {
    it(`${table}: only the changed fields plus the cross-field checks give the full check's verdict`, () => {
      const spec = SYNC_TABLES[table] as SyncTableSpec;
      const base = validRecord(table, who, 'session-1');
      expect(validateRecord(table, spec, 'r-1', base)).toBeNull();
      const fields = [...new Set([...Object.keys(base), ...Object.keys(FIELD_EDITS[table] ?? {})])];
      let invalid = 0;
      fc.assert(
        fc.property(fc.dictionary(fc.constantFrom(...fields), fc.oneof(Value, fc.constantFrom(...Object.values(FIELD_EDITS[table] ?? { x: 1 }))), { minKeys: 1, maxKeys: 4 }), (change) => {
          const after = { ...base, ...change };
          const full = validateRecord(table, spec, 'r-1', after);
          const partial = validateMerged(table, spec, 'r-1', after, Object.keys(change), true);
          if (full) invalid++;
          expect(partial === null, `${JSON.stringify(change).slice(0, 200)}: full ${full?.message}, partial ${partial?.message}`).toBe(full === null);
        }),
        { numRuns: 300 },
      );
      expect(invalid).toBeGreaterThan(0);
    });
  }
});
