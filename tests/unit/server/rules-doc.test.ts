import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rulesTable, RULES_TABLE_END, RULES_TABLE_START } from '../../../server/sync/rules-doc';
import { SYNC_TABLES } from '../../../shared/sync/tables';

describe('docs/sync-protocol.md', () => {
  it('lists the write rules exactly as the table specs state them', () => {
    const doc = readFileSync('docs/sync-protocol.md', 'utf8');
    const start = doc.indexOf(RULES_TABLE_START);
    const end = doc.indexOf(RULES_TABLE_END);
    expect(start, 'the rules table markers are missing').toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const inDoc = doc.slice(start + RULES_TABLE_START.length, end).trim();
    // On a difference, paste the expected table (below) between the markers.
    expect(inDoc).toBe(rulesTable(SYNC_TABLES));
  });
});
