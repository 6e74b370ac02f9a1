import { describe, expect, it } from 'vitest';
import { countOf, countsInWords, isUserTable, pendingInWords, TABLE_WORDS, wordsFor } from '../../../../shared/sync/table-words';
import { SYNC_TABLE_NAMES } from '../../../../shared/sync/tables';

describe('the words of the screens for each table', () => {
  it('every synced table has words a person would recognise', () => {
    for (const t of SYNC_TABLE_NAMES) {
      expect(Object.hasOwn(TABLE_WORDS, t), t).toBe(true);
      expect(isUserTable(t), t).toBe(true);
      expect(wordsFor(t).plural, t).not.toMatch(/[a-z][A-Z]/); // words, not a camelCase table name
    }
  });

  it('counts in the singular and the plural', () => {
    expect(countOf('tickets', 1)).toBe('1 ticket');
    expect(countOf('tickets', 3)).toBe('3 tickets');
    expect(countOf('ticketHistory', 8)).toBe('8 history entries');
    expect(countOf('ticketHistory', 1)).toBe('1 history entry');
    expect(countOf('people', 1204)).toBe('1,204 people');
  });

  it('a backup or restore summary leaves out bookkeeping, empty tables, and never shows a table name', () => {
    const lines = countsInWords({ outbox: 4, wordBlocks: 120, meta: 6, syncState: 1, people: 1, tickets: 5, workLog: 12, ticketHistory: 0, futureTable: 3 });
    expect(lines).toEqual(['1 person', '5 tickets', '12 work-log entries', '3 other records']);
    expect(lines.join(' ')).not.toMatch(/outbox|wordBlocks|futureTable|ticketHistory/);
  });

  it('changes waiting to sync: how many records of each kind, changed or added', () => {
    const changes = [
      ...Array.from({ length: 33 }, (_, i) => ({ table: 'tickets', id: `t${i % 3}` })),
      ...Array.from({ length: 8 }, (_, i) => ({ table: 'ticketHistory', id: `h${i}` })),
      { table: 'wordBlocks', id: 'x' },
    ];
    expect(pendingInWords(changes, (t) => t === 'ticketHistory')).toEqual(['3 tickets changed', '8 history entries added']);
    // New records are added, once, even when edited again before they sync.
    const mixed = [{ table: 'tickets', id: 'n1', added: true }, { table: 'tickets', id: 'n1' }, { table: 'tickets', id: 'old' }, { table: 'people', id: 'p1', added: true }];
    expect(pendingInWords(mixed, () => false)).toEqual(['1 person added', '1 ticket added', '1 ticket changed']);
  });
});
