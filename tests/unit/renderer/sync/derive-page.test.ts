import { describe, expect, it } from 'vitest';
import type { FieldDeskDb } from '../../../../renderer/src/data/db';
import { derivePage, registerDerivedFields, registerPageDerivation } from '../../../../renderer/src/sync/derive';

const db = {} as FieldDeskDb;

describe('derivePage', () => {
  it("derives each record's own fields, then the page's, in one pass the page then puts", async () => {
    const offOne = registerDerivedFields('probeTable', (row) => ({ ...row, own: String(row.title).toUpperCase() }));
    const seen: unknown[] = [];
    const offPage = registerPageDerivation('probeTable', async (d, rows) => {
      seen.push(d, rows.map((r) => r.own));
      return rows.map((r, i) => ({ ...r, rank: i }));
    });
    try {
      const out = await derivePage(db, 'probeTable', [
        { id: 'a', title: 'one' },
        { id: 'b', title: 'two' },
      ]);
      expect(out).toEqual([
        { id: 'a', title: 'one', own: 'ONE', rank: 0 },
        { id: 'b', title: 'two', own: 'TWO', rank: 1 },
      ]);
      // The page's derivation gets the database and the records with their own fields already derived.
      expect(seen).toEqual([db, ['ONE', 'TWO']]);
    } finally {
      offOne();
      offPage();
    }
  });

  it('leaves a table without registrations as pulled', async () => {
    const rows = [{ id: 'x', v: 1 }];
    expect(await derivePage(db, 'nothingRegistered', rows)).toEqual(rows);
  });
});
