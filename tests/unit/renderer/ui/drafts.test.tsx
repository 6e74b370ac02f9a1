// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { FieldDeskDb } from '../../../../renderer/src/data/db';
import { SessionForm } from '../../../../renderer/src/features/training/SessionForm';
import { PersonForm } from '../../../../renderer/src/features/people/PersonForm';
import type { PanelProps } from '../../../../renderer/src/features/settings/helpdesk/HelpdeskSection';
import { SystemsPanel } from '../../../../renderer/src/features/settings/helpdesk/SystemsPanel';
import { DRAFT_MIRROR, draftKey, drafts } from '../../../../renderer/src/ui/drafts';
import { useDraft, useSaveOnLeave, type SaveOutcome } from '../../../../renderer/src/ui/useDraft';
import { ok } from '../../../../shared/result';
import type { Course } from '../../../../shared/training/course';
import { draftsDbPerTest } from './support/drafts-db';

let db: FieldDeskDb;
draftsDbPerTest('drafts-test', (d) => (db = d));

const metaDraft = async (key: string) => ((await db.meta.get(key))?.value as { value: unknown } | undefined)?.value;

/** A field saved in place, as a ticket's description is. */
function Description({ saved, save }: { saved: string; save: (text: string) => Promise<SaveOutcome> }) {
  const f = useSaveOnLeave({ key: draftKey('test.description', 't1'), saved, save });
  return (
    <>
      <label htmlFor="d">Description</label>
      <textarea id="d" value={f.value} onChange={f.onChange} onBlur={f.onBlur} />
      {f.error ? <p role="alert">{f.error}</p> : null}
    </>
  );
}

function Toggle({ children }: { children: React.ReactNode }) {
  const [shown, setShown] = useState(true);
  return (
    <>
      <button onClick={() => setShown((s) => !s)}>toggle</button>
      {shown ? children : null}
    </>
  );
}

describe('the draft store', () => {
  it('keeps a draft in meta (draft:<form>:<id>) and reads it back when the database is attached again', async () => {
    drafts.put(draftKey('worklog', 't1'), { body: 'half typed' });
    await drafts.flush();
    expect(await metaDraft('draft:worklog:t1')).toEqual({ body: 'half typed' });
    await drafts.detach(db);
    expect(drafts.get('draft:worklog:t1')).toBeUndefined();
    await drafts.attach(db);
    expect(drafts.get<{ body: string }>('draft:worklog:t1')?.value).toEqual({ body: 'half typed' });
    drafts.drop('draft:worklog:t1');
    await drafts.flush();
    expect(await db.meta.get('draft:worklog:t1')).toBeUndefined();
  });

  it('on closing the window, fields save themselves and drafts are mirrored synchronously; the next start folds the mirror into meta', async () => {
    const save = vi.fn(async (): Promise<SaveOutcome> => ({ ok: true }));
    const off = drafts.onLeave(() => void save());
    drafts.put(draftKey('resolve', 't9'), { text: 'typed just before closing' });
    window.dispatchEvent(new Event('beforeunload'));
    off();
    expect(save).toHaveBeenCalledTimes(1);
    const mirror = JSON.parse(localStorage.getItem(DRAFT_MIRROR)!) as [string, { value: unknown }][];
    expect(mirror.find(([k]) => k === 'draft:resolve:t9')?.[1].value).toEqual({ text: 'typed just before closing' });
    // Say IndexedDB did not finish before the window went away: the mirror still brings it back.
    await drafts.flush();
    await db.meta.delete('draft:resolve:t9');
    await drafts.detach(db);
    await drafts.attach(db);
    expect(drafts.get('draft:resolve:t9')?.value).toEqual({ text: 'typed just before closing' });
    expect(await metaDraft('draft:resolve:t9')).toEqual({ text: 'typed just before closing' });
    expect(localStorage.getItem(DRAFT_MIRROR)).toBeNull();
  });
});

describe('useSaveOnLeave', () => {
  it('saves on blur', async () => {
    const save = vi.fn(async (): Promise<SaveOutcome> => ({ ok: true }));
    render(<Description saved="" save={save} />);
    await userEvent.type(screen.getByLabelText('Description'), 'Printer jams');
    expect(save).not.toHaveBeenCalled();
    await userEvent.tab();
    expect(save).toHaveBeenCalledWith('Printer jams');
  });

  it('saves when the field goes away without a blur (another screen, another ticket)', async () => {
    const save = vi.fn(async (): Promise<SaveOutcome> => ({ ok: true }));
    render(
      <Toggle>
        <Description saved="" save={save} />
      </Toggle>,
    );
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: 'Typed, then Esc to the list' } });
    await act(async () => fireEvent.click(screen.getByText('toggle')));
    expect(save).toHaveBeenCalledWith('Typed, then Esc to the list');
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('a refused save keeps the text as a draft, which comes back when the field opens again', async () => {
    const save = vi.fn(async (): Promise<SaveOutcome> => ({ ok: false, message: 'Description is too long' }));
    const { unmount } = render(<Description saved="old" save={save} />);
    const box = screen.getByLabelText('Description');
    await userEvent.clear(box);
    await userEvent.type(box, 'new text');
    await userEvent.tab();
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Description is too long');
    unmount();
    await drafts.flush();
    expect(await metaDraft('draft:test.description:t1')).toBe('new text');
    render(<Description saved="old" save={async () => ({ ok: true })} />);
    expect(screen.getByLabelText('Description')).toHaveProperty('value', 'new text');
  });

  it('a saved text drops its draft', async () => {
    render(<Description saved="" save={async () => ({ ok: true })} />);
    await userEvent.type(screen.getByLabelText('Description'), 'done');
    expect(drafts.get('draft:test.description:t1')?.value).toBe('done');
    await userEvent.tab();
    expect(drafts.get('draft:test.description:t1')).toBeUndefined();
  });
});

describe('useDraft', () => {
  function WorkLog() {
    const d = useDraft(draftKey('test.worklog', 't1'), { body: '', minutes: '0' });
    return (
      <>
        <label htmlFor="b">Entry</label>
        <textarea id="b" value={d.values.body} onChange={(e) => d.set({ body: e.target.value })} />
        {d.restoredAt ? <p role="status">restored</p> : null}
        <button onClick={d.discard}>Discard</button>
      </>
    );
  }

  it('a half-typed form comes back, says so, and Discard drops it', async () => {
    const first = render(<WorkLog />);
    await userEvent.type(screen.getByLabelText('Entry'), 'Called the clerk');
    first.unmount();
    render(<WorkLog />);
    expect(screen.getByLabelText('Entry')).toHaveProperty('value', 'Called the clerk');
    expect(screen.getByRole('status').textContent).toBe('restored');
    await userEvent.click(screen.getByText('Discard'));
    expect(screen.getByLabelText('Entry')).toHaveProperty('value', '');
    expect(drafts.get('draft:test.worklog:t1')).toBeUndefined();
  });

  it('text typed while a save is under way stays a draft; a save with nothing typed since drops it', async () => {
    let finish: () => void = () => undefined;
    function Saving() {
      const d = useDraft(draftKey('test.review', 'r1'), { text: '' });
      const save = async () => {
        const saving = d.values;
        await new Promise<void>((resolve) => (finish = resolve));
        d.done(saving);
      };
      return (
        <>
          <label htmlFor="r">Detection</label>
          <textarea id="r" value={d.values.text} onChange={(e) => d.set({ text: e.target.value })} />
          <button onClick={() => void save()}>Save</button>
        </>
      );
    }
    const first = render(<Saving />);
    await userEvent.type(screen.getByLabelText('Detection'), 'A clerk');
    await userEvent.click(screen.getByText('Save'));
    await userEvent.type(screen.getByLabelText('Detection'), ' called');
    await act(async () => finish());
    expect(drafts.get<{ text: string }>('draft:test.review:r1')?.value.text).toBe('A clerk called');
    first.unmount();
    render(<Saving />);
    expect(screen.getByLabelText('Detection')).toHaveProperty('value', 'A clerk called');
    await userEvent.click(screen.getByText('Save'));
    await act(async () => finish());
    expect(drafts.get('draft:test.review:r1')).toBeUndefined();
  });

  it('the training session form keeps what was typed when it is left, and Cancel throws it away', async () => {
    const courses = [{ id: 'c1', title: 'Case management basics', system: 'CMS' }] as Course[];
    const props = { courses, people: [], sessions: [], onSubmit: vi.fn(async () => ok(null)), onCancel: vi.fn() };
    const first = render(<SessionForm {...props} />);
    await userEvent.type(screen.getByLabelText('Location'), 'Annex, room 2');
    await userEvent.type(screen.getByLabelText('Notes'), 'Bring laptops');
    first.unmount();
    render(<SessionForm {...props} />);
    expect(screen.getByLabelText('Location')).toHaveProperty('value', 'Annex, room 2');
    expect(screen.getByLabelText('Notes')).toHaveProperty('value', 'Bring laptops');
    expect(screen.getByRole('status').textContent).toMatch(/Restored your unsaved session details/);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(props.onCancel).toHaveBeenCalled();
    expect(drafts.get('draft:training.session:new')).toBeUndefined();
  });

  it('the person form is a draft until saved', async () => {
    const person = { id: 'p1', name: 'Ana', email: '', phone: '', agency: '', site: '', title: '', kind: 'staff' as const, createdAt: '', updatedAt: '', stamps: {}, deleted: 0 as const };
    const onSubmit = vi.fn(async () => ok(person));
    const first = render(<PersonForm initial={person} onSubmit={onSubmit} onCancel={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Site'), 'Annex');
    first.unmount();
    render(<PersonForm initial={person} onSubmit={onSubmit} onCancel={() => undefined} />);
    expect(screen.getByLabelText('Site')).toHaveProperty('value', 'Annex');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ site: 'Annex' }));
    expect(drafts.get('draft:person:p1')).toBeUndefined();
  });
});

describe('a settings panel', () => {
  const data = { systems: [], agencies: [], sites: [], teams: [], calendars: [], policies: [], rules: [], staff: [] } as unknown as PanelProps['data'];
  const repo = () =>
    ({
      systems: {
        create: vi.fn(async (input: { name: string }) => ok({ id: 's1', name: input.name, vendor: '', categories: [] })),
        update: vi.fn(),
        retire: vi.fn(),
      },
    }) as unknown as PanelProps['repo'] & { systems: { create: ReturnType<typeof vi.fn> } };

  it('opens again with a half-typed form after leaving Settings; saving drops the draft', async () => {
    const r = repo();
    const first = render(<SystemsPanel repo={r} data={data} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add system' }));
    await userEvent.type(screen.getByLabelText('System name'), 'E-filing portal');
    first.unmount();
    render(<SystemsPanel repo={r} data={data} />);
    expect(screen.getByLabelText('System name')).toHaveProperty('value', 'E-filing portal');
    await userEvent.click(screen.getByRole('button', { name: 'Save system' }));
    expect(r.systems.create).toHaveBeenCalledWith(expect.objectContaining({ name: 'E-filing portal' }));
    expect(drafts.keys('draft:settings.system:')).toEqual([]);
  });

  it('Cancel drops the draft and the form stays closed next time', async () => {
    const first = render(<SystemsPanel repo={repo()} data={data} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add system' }));
    await userEvent.type(screen.getByLabelText('System name'), 'Jury');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    first.unmount();
    render(<SystemsPanel repo={repo()} data={data} />);
    expect(screen.getByRole('button', { name: 'Add system' })).toBeTruthy();
    expect(screen.queryByLabelText('System name')).toBeNull();
  });
});
