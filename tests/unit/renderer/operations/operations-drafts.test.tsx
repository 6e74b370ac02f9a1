// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataProvider } from '../../../../renderer/src/app/data-context';
import { openDatabase, type FieldDeskDb } from '../../../../renderer/src/data/db';
import { operationsRepositories } from '../../../../renderer/src/data/repositories/operations';
import { peopleRepository } from '../../../../renderer/src/data/repositories/people';
import { ReviewEditor } from '../../../../renderer/src/features/operations/ReviewsView';
import { ScheduleEditor } from '../../../../renderer/src/features/operations/SchedulesView';
import { drafts } from '../../../../renderer/src/ui/drafts';

let n = 0;
const names: string[] = [];
afterEach(async () => {
  cleanup();
  for (const name of names.splice(0)) {
    const db = await openDatabase(name);
    db.close();
    await db.delete();
  }
});

function Toggle({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState(true);
  return (
    <>
      <button type="button" onClick={() => setShown((s) => !s)}>
        toggle
      </button>
      {shown ? children : null}
    </>
  );
}

const dbName = () => {
  const name = `ops-drafts-${++n}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return name;
};

const metaDraft = async (db: FieldDeskDb, key: string) => ((await db.meta.get(key))?.value as { value: Record<string, unknown> } | undefined)?.value;

describe('operations editors keep what is typed', () => {
  it('a new schedule left half typed opens again with its name, checklist and rule, and says so; Discard drops it', { timeout: 60_000 }, async () => {
    const name = dbName();
    const view = render(
      <DataProvider dbName={name}>
        <Toggle>
          <ScheduleEditor id="new" />
        </Toggle>
      </DataProvider>,
    );
    await userEvent.type(await screen.findByLabelText('Name', {}, { timeout: 15_000 }), 'Quarterly index rebuild');
    await userEvent.type(screen.getByLabelText('Checklist (one item a line)'), 'Back up{Enter}Rebuild');
    await userEvent.selectOptions(screen.getByLabelText('How often'), 'weekly');
    await userEvent.click(screen.getByRole('button', { name: 'toggle' }));
    expect(screen.queryByLabelText('Name')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'toggle' }));
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Quarterly index rebuild');
    expect((screen.getByLabelText('Checklist (one item a line)') as HTMLTextAreaElement).value).toBe('Back up\nRebuild');
    expect((screen.getByLabelText('How often') as HTMLSelectElement).value).toBe('weekly');
    expect(screen.getByRole('status', { name: '' }).textContent).toContain('Restored your unsaved schedule');

    // It is in the database too, so a restart keeps it.
    await drafts.flush();
    const db = await openDatabase(name);
    expect(await metaDraft(db, 'draft:ops.schedule:new')).toMatchObject({ name: 'Quarterly index rebuild', checklistText: 'Back up\nRebuild' });

    await userEvent.click(screen.getByRole('button', { name: 'Discard it' }));
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('');
    await drafts.flush();
    expect(await metaDraft(db, 'draft:ops.schedule:new')).toBeUndefined();
    db.close();
    view.unmount();
  });

  it('a saved schedule drops its draft', { timeout: 60_000 }, async () => {
    const name = dbName();
    render(
      <DataProvider dbName={name}>
        <ScheduleEditor id="new" />
      </DataProvider>,
    );
    await userEvent.type(await screen.findByLabelText('Name', {}, { timeout: 15_000 }), 'Patch Tuesday');
    await userEvent.type(screen.getByLabelText('Ticket title'), 'Apply patches');
    await userEvent.click(screen.getByRole('button', { name: 'Save schedule' }));
    const db = await openDatabase(name);
    await waitFor(async () => expect(await operationsRepositories(db).tables.schedules.count()).toBe(1), { timeout: 15_000 });
    await drafts.flush();
    expect(await metaDraft(db, 'draft:ops.schedule:new')).toBeUndefined();
    db.close();
  });

  it("a review's sections, its new action item and a timeline entry come back after leaving the review unsaved", { timeout: 60_000 }, async () => {
    const name = dbName();
    const db = await openDatabase(name);
    const owner = await peopleRepository(db).create({ name: 'Ana Ruiz', kind: 'staff' });
    if (!owner.ok) throw new Error('person');
    const repos = operationsRepositories(db, { actor: async () => ({ id: owner.value.id, name: 'Ana Ruiz' }) });
    const review = await repos.reviews.create({ title: 'CMS outage, 13 January' });
    if (!review.ok) throw new Error(review.error.message);
    const entry = await repos.reviews.saveEntry(review.value.id, { id: 'e1', at: '2026-01-13T15:00:00.000Z', text: 'Alerts fired' });
    if (!entry.ok) throw new Error(entry.error.message);

    render(
      <DataProvider dbName={name}>
        <Toggle>
          <ReviewEditor id={review.value.id} />
        </Toggle>
      </DataProvider>,
    );
    await userEvent.type(await screen.findByLabelText('Root causes', {}, { timeout: 15_000 }), 'An expired certificate');
    await userEvent.type(screen.getByLabelText('Action'), 'Monitor certificate expiry');
    const entryBox = screen.getByRole('textbox', { name: /^Timeline entry at/ });
    await userEvent.type(entryBox, ' at 07:02');
    await userEvent.click(screen.getByRole('button', { name: 'toggle' }));
    await userEvent.click(screen.getByRole('button', { name: 'toggle' }));

    expect((await screen.findByLabelText('Root causes', {}, { timeout: 15_000 }) as HTMLTextAreaElement).value).toBe('An expired certificate');
    expect((screen.getByLabelText('Action') as HTMLInputElement).value).toBe('Monitor certificate expiry');
    expect((screen.getByRole('textbox', { name: /^Timeline entry at/ }) as HTMLInputElement).value).toBe('Alerts fired at 07:02');
    expect(screen.getByText(/Restored your unsaved review/)).toBeTruthy();

    // Saving the review stores the text and drops its draft (the action item and entry keep theirs until saved).
    await userEvent.click(screen.getByRole('button', { name: 'Save review' }));
    await waitFor(async () => expect((await repos.tables.reviews.get(review.value.id))?.rootCauses).toBe('An expired certificate'), { timeout: 15_000 });
    await drafts.flush();
    expect(await metaDraft(db, `draft:ops.review:${review.value.id}`)).toBeUndefined();
    expect(await metaDraft(db, `draft:ops.review.action:${review.value.id}`)).toMatchObject({ title: 'Monitor certificate expiry' });
    await userEvent.click(screen.getByRole('button', { name: 'Save entry' }));
    await waitFor(async () => expect((await repos.tables.reviews.get(review.value.id))?.timeline[0]?.text).toBe('Alerts fired at 07:02'), { timeout: 15_000 });
    await drafts.flush();
    expect(await metaDraft(db, `draft:ops.review.entry:${review.value.id}:e1`)).toBeUndefined();
    db.close();
  });
});
