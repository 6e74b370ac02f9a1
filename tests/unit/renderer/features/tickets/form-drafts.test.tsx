// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { drafts } from '../../../../../renderer/src/ui/drafts';
import { ok } from '../../../../../shared/result';
import { ViewNameDialog } from '../../../../../renderer/src/features/tickets/list/ViewNameDialog';
import { BulkBar } from '../../../../../renderer/src/features/tickets/list/BulkBar';
import { useTicketsUi } from '../../../../../renderer/src/features/tickets/store';
import type { Desk } from '../../../../../renderer/src/features/tickets/useDesk';
import { draftsDbPerTest } from '../../ui/support/drafts-db';
import { dialogsInJsdom } from '../../ui/support/dialog';

const picked = {
  fileToken: 'tok-1',
  fileName: 'people.csv',
  format: 'csv' as const,
  headers: ['Full name', 'E-mail', 'Work email'],
  sampleRows: [['Ana Ruiz', 'ana@home.example', 'ana@court.example']],
  suggestedMapping: { name: 0, email: 1 } as Record<string, number>,
  fields: [
    { key: 'name', header: 'Name', required: true },
    { key: 'email', header: 'Email', required: false },
  ],
};
vi.mock('../../../../../renderer/src/platform/bridge', () => ({
  platform: { import: { pick: vi.fn(async () => ({ ok: true, value: picked })), dryRun: vi.fn(), cancel: vi.fn() } },
  hasDesktopBridge: false,
}));
const { ImportWizard } = await import('../../../../../renderer/src/features/import/ImportWizard');

dialogsInJsdom();
draftsDbPerTest('form-drafts');

const viewDialog = (onClose = () => {}) => (
  <ViewNameDialog title="Save view" submitLabel="Save view" initialName="" draftKey="draft:tickets.view-name:new" check={() => null} onSubmit={async () => ok(null)} onClose={onClose} />
);

describe('the saved-view name dialog keeps what was typed', () => {
  it('closed with Esc (or the window closed), it opens again with the typed name; Cancel throws it away; a save drops it', async () => {
    const first = render(viewDialog());
    fireEvent.change(screen.getByRole('textbox', { hidden: true }), { target: { value: 'My court’s open P1s' } });
    first.unmount(); // Esc closed it: the parent unmounts the dialog.
    render(viewDialog());
    expect((screen.getByRole('textbox', { hidden: true }) as HTMLInputElement).value).toBe('My court’s open P1s');
    expect(screen.getByText(/Restored your unsaved view name/)).toBeTruthy();
    // Saved: the draft goes.
    await act(async () => fireEvent.submit(screen.getByRole('textbox', { hidden: true }).closest('form')!));
    expect(drafts.get('draft:tickets.view-name:new')).toBeUndefined();
    cleanup();
    render(viewDialog());
    fireEvent.change(screen.getByRole('textbox', { hidden: true }), { target: { value: 'Throw me away' } });
    expect(drafts.get<{ name: string }>('draft:tickets.view-name:new')?.value.name).toBe('Throw me away');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel', hidden: true }));
    expect(drafts.get('draft:tickets.view-name:new')).toBeUndefined();
  });
});

describe('bulk edit keeps its choices and typed text', () => {
  it('leaving the list (or clearing the selection) keeps the reason and tags; they come back with the next selection', async () => {
    const bulkEdit = vi.fn(async () => ok({ changed: 2, skipped: [] }));
    const desk = { actor: { id: 'me', name: 'Me' }, catalog: { staff: [], teams: [{ id: 'team-1', name: 'Field team' }] }, repos: { tickets: { bulkEdit } } } as unknown as Desk;
    act(() => useTicketsUi.getState().setSelected(['t1', 't2']));
    const first = render(<BulkBar desk={desk} />);
    fireEvent.change(screen.getByLabelText('Set priority of selected'), { target: { value: 'P1' } });
    fireEvent.change(screen.getByLabelText('Reason for the priority change'), { target: { value: 'Jury trial starts Monday, every kiosk must work' } });
    fireEvent.change(screen.getByLabelText('Add tags to selected'), { target: { value: 'jury, kiosk' } });
    first.unmount();
    render(<BulkBar desk={desk} />);
    expect((screen.getByLabelText('Reason for the priority change') as HTMLInputElement).value).toBe('Jury trial starts Monday, every kiosk must work');
    expect((screen.getByLabelText('Add tags to selected') as HTMLInputElement).value).toBe('jury, kiosk');
    expect(screen.getByText(/Restored your unsaved bulk changes/)).toBeTruthy();
    // Applied: the draft is gone.
    await act(async () => fireEvent.submit(screen.getByRole('form', { name: 'Bulk edit' })));
    expect(bulkEdit).toHaveBeenCalledWith(['t1', 't2'], { priority: { priority: 'P1', reason: 'Jury trial starts Monday, every kiosk must work' }, addTags: ['jury', 'kiosk'] });
    expect(drafts.get('draft:tickets.bulk:selection')).toBeUndefined();
  });
});

describe('the import wizard keeps the column choices', () => {
  const target = { dataset: 'people' as const, title: 'Import people', count: (k: number) => `${k} people`, existingKeys: async () => [], commit: vi.fn() };

  it('a changed mapping survives Cancel and comes back when the same file is picked again', async () => {
    const first = render(<ImportWizard target={target} onClose={() => {}} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Choose file…' })));
    const email = screen.getByLabelText('Email') as HTMLSelectElement;
    expect(email.value).toBe('1');
    fireEvent.change(email, { target: { value: '2' } }); // the work email, not the home one
    first.unmount(); // Cancel closes the wizard.
    render(<ImportWizard target={target} onClose={() => {}} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Choose file…' })));
    expect((screen.getByLabelText('Email') as HTMLSelectElement).value).toBe('2');
    expect(screen.getByText(/Restored your unsaved column choices/)).toBeTruthy();
    // Discard goes back to the file's suggestion, and nothing is kept.
    fireEvent.click(screen.getByRole('button', { name: 'Discard it' }));
    expect((screen.getByLabelText('Email') as HTMLSelectElement).value).toBe('1');
    expect(drafts.keys('draft:import.mapping.people:')).toEqual([]);
  });
});
