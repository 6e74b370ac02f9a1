// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DataProvider } from '../../../../renderer/src/app/data-context';
import { openDatabase } from '../../../../renderer/src/data/db';
import { operationsRepositories } from '../../../../renderer/src/data/repositories/operations';
import { MONTH_DAY_MAX, OpsCalendar } from '../../../../renderer/src/features/operations/OpsCalendar';
import { today } from '../../../../renderer/src/features/training/calendar';
import { ChangeSchema } from '../../../../shared/operations/schemas';

const names: string[] = [];
afterEach(async () => {
  cleanup();
  for (const name of names.splice(0)) {
    const db = await openDatabase(name);
    db.close();
    await db.delete();
  }
});

const meta = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', stamps: {}, deleted: 0 as const };

describe('the month calendar on a busy day', () => {
  it(`shows ${MONTH_DAY_MAX} items a day and "+N more", which opens that day's week listing every item`, { timeout: 30_000 }, async () => {
    const name = `ops-cal-${Math.random().toString(36).slice(2)}`;
    names.push(name);
    const db = await openDatabase(name);
    const day = `${today().slice(0, 7)}-15`;
    const local = (h: number) => new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, 15, h).toISOString();
    await operationsRepositories(db).tables.changes.bulkPut(
      Array.from({ length: 9 }, (_, k) => ChangeSchema.parse({ id: `c${k}`, title: `Change ${k}`, systemIds: [], plannedStart: local(8 + k), plannedEnd: local(9 + k), ...meta })),
    );
    db.close();
    render(
      <DataProvider dbName={name}>
        <div className="operations">
          <OpsCalendar />
        </div>
      </DataProvider>,
    );
    const month = await screen.findByRole('table', {}, { timeout: 15_000 });
    const cell = within(month).getAllByRole('cell').find((c) => c.getAttribute('aria-label')?.includes(' 15, '))!;
    expect([...cell.querySelectorAll('.ops-chip')].map((e) => e.getAttribute('title'))).toEqual(['Change 0', 'Change 1', 'Change 2', 'Change 3', 'Change 4', 'Change 5'].map((t) => `Change: ${t}`));
    const more = within(cell).getByRole('button', { name: new RegExp(`^3 more on .*15, \\d{4}: show the week$`) });
    expect(more.textContent).toBe('+3 more');
    await userEvent.click(more);
    const week = await screen.findByRole('list', { name: /^Week of / });
    expect([...week.querySelectorAll('.ops-chip')].map((e) => e.getAttribute('title'))).toEqual(Array.from({ length: 9 }, (_, k) => `Change: Change ${k}`));
    expect(screen.getByRole('button', { name: 'Week' }).getAttribute('aria-pressed')).toBe('true');
  });
});
