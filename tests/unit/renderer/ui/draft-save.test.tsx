// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Actions } from '../../../../renderer/src/features/tickets/detail/Actions';
import { BulkBar } from '../../../../renderer/src/features/tickets/list/BulkBar';
import { useTicketsUi } from '../../../../renderer/src/features/tickets/store';
import type { Desk } from '../../../../renderer/src/features/tickets/useDesk';
import { SessionForm } from '../../../../renderer/src/features/training/SessionForm';
import { PersonForm } from '../../../../renderer/src/features/people/PersonForm';
import { draftKey, drafts } from '../../../../renderer/src/ui/drafts';
import { useDraft, type Draft } from '../../../../renderer/src/ui/useDraft';
import { ok, type Result } from '../../../../shared/result';
import type { Course } from '../../../../shared/training/course';
import type { Ticket } from '../../../../shared/tickets/schema';
import { draftsDbPerTest } from './support/drafts-db';

// Text typed into a form while its save is under way is kept as the form's draft; a save with nothing typed
// meanwhile drops the draft. Each save here waits until the test lets it finish.

draftsDbPerTest('draft-save');

/** A save that finishes when the test says so. */
function slow<T>(value: T) {
  const pending: Array<() => void> = [];
  const fn = vi.fn(() => new Promise<T>((resolve) => pending.push(() => resolve(value))));
  const finish = async () => {
    await act(async () => {
      for (const f of pending.splice(0)) f();
      await new Promise((r) => setTimeout(r, 0));
    });
  };
  return { fn, finish, started: () => pending.length };
}

describe('useDraft save(), saving() and done(saved)', () => {
  const KEY = draftKey('test.note', 'n1');
  let form: Draft<{ text: string }>;
  function Note({ reset = false, run }: { reset?: boolean; run: (v: { text: string }) => Promise<Result<unknown> | boolean> }) {
    const d = useDraft(KEY, { text: '' });
    form = d;
    return (
      <>
        <label htmlFor="t">Note</label>
        <textarea id="t" value={d.values.text} onChange={(e) => d.set({ text: e.target.value })} />
        <button onClick={() => void d.save(run, { reset })}>Save</button>
      </>
    );
  }
  const typed = () => (screen.getByLabelText('Note') as HTMLTextAreaElement).value;

  it('a save with nothing typed meanwhile drops the draft (the text stays on screen)', async () => {
    const save = slow(ok(null));
    render(<Note run={save.fn} />);
    await userEvent.type(screen.getByLabelText('Note'), 'Printer jam');
    expect(drafts.get(KEY)).toBeDefined();
    await userEvent.click(screen.getByText('Save'));
    expect(save.fn).toHaveBeenCalledWith({ text: 'Printer jam' });
    await save.finish();
    expect(drafts.get(KEY)).toBeUndefined();
    expect(typed()).toBe('Printer jam');
  });

  it('text typed while the save is under way stays a draft, and opens again with the form', async () => {
    const save = slow(ok(null));
    const first = render(<Note run={save.fn} />);
    await userEvent.type(screen.getByLabelText('Note'), 'Printer jam');
    await userEvent.click(screen.getByText('Save'));
    await userEvent.type(screen.getByLabelText('Note'), ' on floor 2');
    await save.finish();
    expect(save.fn).toHaveBeenCalledWith({ text: 'Printer jam' });
    expect(drafts.get<{ text: string }>(KEY)?.value.text).toBe('Printer jam on floor 2');
    first.unmount();
    render(<Note run={save.fn} />);
    expect(typed()).toBe('Printer jam on floor 2');
    // Saved again with nothing typed since: now it goes.
    await userEvent.click(screen.getByText('Save'));
    await save.finish();
    expect(drafts.get(KEY)).toBeUndefined();
  });

  it('a refused save keeps the draft; a boolean outcome works like a Result', async () => {
    const refused = slow(false);
    render(<Note run={refused.fn} />);
    await userEvent.type(screen.getByLabelText('Note'), 'Kiosk offline');
    await userEvent.click(screen.getByText('Save'));
    await refused.finish();
    expect(drafts.get<{ text: string }>(KEY)?.value.text).toBe('Kiosk offline');
    cleanup();
    const accepted = slow(true);
    render(<Note run={accepted.fn} />);
    await userEvent.click(screen.getByText('Save'));
    await accepted.finish();
    expect(drafts.get(KEY)).toBeUndefined();
  });

  it('reset clears the form for the next entry only when nothing was typed during the save', async () => {
    const save = slow(ok(null));
    render(<Note run={save.fn} reset />);
    await userEvent.type(screen.getByLabelText('Note'), 'First');
    await userEvent.click(screen.getByText('Save'));
    await save.finish();
    expect(typed()).toBe('');
    expect(drafts.get(KEY)).toBeUndefined();
    await userEvent.type(screen.getByLabelText('Note'), 'Second');
    await userEvent.click(screen.getByText('Save'));
    await userEvent.type(screen.getByLabelText('Note'), ' and third');
    await save.finish();
    expect(typed()).toBe('Second and third');
    expect(drafts.get<{ text: string }>(KEY)?.value.text).toBe('Second and third');
  });

  it('reset with the next entry begun during the save: the field typed into keeps it, the others start again', async () => {
    let item!: Draft<{ title: string; owner: string | null }>;
    function Item() {
      item = useDraft(draftKey('test.item', 'i1'), { title: '', owner: null as string | null });
      return null;
    }
    render(<Item />);
    act(() => item.set({ title: 'Alert at 80% memory', owner: 'ana' }));
    const snapshot = item.saving();
    act(() => item.set({ title: 'Write the runbook' }));
    let dropped = true;
    act(() => {
      dropped = item.done(snapshot, { reset: true });
    });
    expect(dropped).toBe(false);
    expect(item.values).toEqual({ title: 'Write the runbook', owner: null });
    await waitFor(() => expect(drafts.get(draftKey('test.item', 'i1'))?.value).toEqual({ title: 'Write the runbook', owner: null }));
  });

  it('saving() is the values now; done(saved) says whether the draft went; done() drops it whatever the form holds', async () => {
    render(<Note run={async () => true} />);
    await userEvent.type(screen.getByLabelText('Note'), 'abc');
    const snapshot = form.saving();
    expect(snapshot).toEqual({ text: 'abc' });
    await userEvent.type(screen.getByLabelText('Note'), 'd');
    let dropped: boolean | undefined;
    act(() => void (dropped = form.done(snapshot)));
    expect(dropped).toBe(false);
    expect(drafts.get<{ text: string }>(KEY)?.value.text).toBe('abcd');
    act(() => void (dropped = form.done(form.saving())));
    expect(dropped).toBe(true);
    expect(drafts.get(KEY)).toBeUndefined();
    await userEvent.type(screen.getByLabelText('Note'), 'e');
    act(() => void (dropped = form.done()));
    expect(dropped).toBe(true);
    expect(drafts.get(KEY)).toBeUndefined();
  });
});

describe('tickets: the Resolve form', () => {
  const ticket = { id: 't1', number: 'T-1', status: 'open', escalationLevel: 0, priority: 'P3', priorityOverride: null, assigneeId: 'me' } as unknown as Ticket;
  const KEY = 'draft:ticket.resolve:t1';
  const setup = () => {
    const transition = slow(ok(null));
    const desk = { actor: { id: 'me', name: 'Me' }, repos: { tickets: { transition: transition.fn } } } as unknown as Desk;
    const view = render(<Actions desk={desk} ticket={ticket} />);
    return { transition, view };
  };

  it('resolved with nothing typed meanwhile: the draft goes', async () => {
    const { transition } = setup();
    await userEvent.click(screen.getByRole('button', { name: 'Resolve…' }));
    await userEvent.type(screen.getByLabelText('Resolution'), 'Reset the password');
    await userEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await transition.finish();
    expect(transition.fn).toHaveBeenCalledWith('t1', 'resolved', { resolution: { code: 'fixed', text: 'Reset the password', rootCause: '' } });
    expect(drafts.get(KEY)).toBeUndefined();
    expect(screen.queryByLabelText('Resolution')).toBeNull();
  });

  it('a root cause typed while it resolves is kept, and the form opens with it again', async () => {
    const { transition } = setup();
    await userEvent.click(screen.getByRole('button', { name: 'Resolve…' }));
    await userEvent.type(screen.getByLabelText('Resolution'), 'Reset the password');
    await userEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    expect(transition.started()).toBe(1);
    await userEvent.type(screen.getByLabelText('Root cause'), 'Expired after 90 days');
    await transition.finish();
    expect(drafts.get<{ rootCause: string }>(KEY)?.value.rootCause).toBe('Expired after 90 days');
    await userEvent.click(screen.getByRole('button', { name: 'Resolve…' }));
    expect((screen.getByLabelText('Root cause') as HTMLTextAreaElement).value).toBe('Expired after 90 days');
  });
});

describe('training: the session form', () => {
  const courses = [{ id: 'c1', title: 'Case management basics', system: 'CMS' }] as Course[];
  const KEY = 'draft:training.session:new';

  it('scheduled with nothing typed meanwhile: the draft goes', async () => {
    const save = slow(ok(null));
    render(<SessionForm courses={courses} people={[]} sessions={[]} onSubmit={save.fn} onCancel={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Notes'), 'Bring laptops');
    await userEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    await save.finish();
    expect(save.fn).toHaveBeenCalledWith(expect.objectContaining({ notes: 'Bring laptops' }));
    expect(drafts.get(KEY)).toBeUndefined();
  });

  it('notes typed while it saves are kept as a draft', async () => {
    const save = slow(ok(null));
    const first = render(<SessionForm courses={courses} people={[]} sessions={[]} onSubmit={save.fn} onCancel={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Notes'), 'Bring laptops');
    await userEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    await userEvent.type(screen.getByLabelText('Notes'), ' and chargers');
    await save.finish();
    expect(save.fn).toHaveBeenCalledWith(expect.objectContaining({ notes: 'Bring laptops' }));
    expect(drafts.get<{ notes: string }>(KEY)?.value.notes).toBe('Bring laptops and chargers');
    first.unmount();
    render(<SessionForm courses={courses} people={[]} sessions={[]} onSubmit={save.fn} onCancel={() => undefined} />);
    expect((screen.getByLabelText('Notes') as HTMLTextAreaElement).value).toBe('Bring laptops and chargers');
  });
});

describe('people: the person form', () => {
  const person = { id: 'p1', name: 'Ana', email: '', phone: '', agency: '', site: '', title: '', kind: 'staff' as const, createdAt: '', updatedAt: '', stamps: {}, deleted: 0 as const };

  it('a site typed while it saves is kept; saved again, the draft goes', async () => {
    const save = slow(ok(person));
    render(<PersonForm initial={person} onSubmit={save.fn} onCancel={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Site'), 'Annex');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await userEvent.type(screen.getByLabelText('Site'), ', room 2');
    await save.finish();
    expect(drafts.get<{ site: string }>('draft:person:p1')?.value.site).toBe('Annex, room 2');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await save.finish();
    expect(save.fn).toHaveBeenLastCalledWith(expect.objectContaining({ site: 'Annex, room 2' }));
    expect(drafts.get('draft:person:p1')).toBeUndefined();
  });
});

describe('tickets: the bulk bar clears itself after applying, unless typed into meanwhile', () => {
  const KEY = 'draft:tickets.bulk:selection';
  const setup = () => {
    const bulkEdit = slow(ok({ changed: 2, skipped: [] }));
    const desk = { actor: { id: 'me', name: 'Me' }, catalog: { staff: [], teams: [] }, repos: { tickets: { bulkEdit: bulkEdit.fn } } } as unknown as Desk;
    act(() => useTicketsUi.getState().setSelected(['t1', 't2']));
    render(<BulkBar desk={desk} />);
    return bulkEdit;
  };

  it('applied with nothing typed meanwhile: cleared, the draft gone, the selection cleared', async () => {
    const bulkEdit = setup();
    fireEvent.change(screen.getByLabelText('Add tags to selected'), { target: { value: 'jury' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Bulk edit' }));
    await bulkEdit.finish();
    expect(bulkEdit.fn).toHaveBeenCalledWith(['t1', 't2'], { addTags: ['jury'] });
    expect(drafts.get(KEY)).toBeUndefined();
    expect(useTicketsUi.getState().selected.size).toBe(0);
    act(() => useTicketsUi.getState().setSelected(['t3']));
    expect((screen.getByLabelText('Add tags to selected') as HTMLInputElement).value).toBe('');
  });

  it('tags typed while it applies are kept for the next selection', async () => {
    const bulkEdit = setup();
    fireEvent.change(screen.getByLabelText('Add tags to selected'), { target: { value: 'jury' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Bulk edit' }));
    fireEvent.change(screen.getByLabelText('Add tags to selected'), { target: { value: 'jury, kiosk' } });
    await bulkEdit.finish();
    expect(bulkEdit.fn).toHaveBeenCalledWith(['t1', 't2'], { addTags: ['jury'] });
    expect(drafts.get<{ tags: string }>(KEY)?.value.tags).toBe('jury, kiosk');
    act(() => useTicketsUi.getState().setSelected(['t3']));
    expect((screen.getByLabelText('Add tags to selected') as HTMLInputElement).value).toBe('jury, kiosk');
  });
});
