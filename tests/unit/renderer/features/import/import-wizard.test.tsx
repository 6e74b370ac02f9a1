// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { draftsDbPerTest } from '../../ui/support/drafts-db';
import { dialogsInJsdom } from '../../ui/support/dialog';

/** Two files a person picks in turn: the first with a bad row, the second fixed. */
const fileOf = (fileToken: string, fileName: string) => ({
  fileToken,
  fileName,
  format: 'csv' as const,
  headers: ['Full name', 'E-mail'],
  sampleRows: [['Luz Ortega', 'lortega@example.gov']],
  suggestedMapping: { name: 0, email: 1 } as Record<string, number>,
  fields: [
    { key: 'name', header: 'Name', required: true },
    { key: 'email', header: 'Email', required: false },
  ],
});
const badReport = { totalRows: 2, errors: [{ row: 3, errors: [{ column: 'Full name', message: 'Missing Name' }] }], errorRowCount: 1, errorsTruncated: false, records: [] };

/** A promise the test settles when it chooses. */
function held<T>() {
  let settle!: (v: T) => void;
  const promise = new Promise<T>((r) => (settle = r));
  return { promise, settle };
}

const bridge = vi.hoisted(() => ({ pick: vi.fn(), dryRun: vi.fn(), cancel: vi.fn() }));
vi.mock('../../../../../renderer/src/platform/bridge', () => ({ platform: { import: bridge }, hasDesktopBridge: false }));
const { ImportWizard } = await import('../../../../../renderer/src/features/import/ImportWizard');

dialogsInJsdom();
draftsDbPerTest('import-wizard');

const target = { dataset: 'people' as const, title: 'Import people', count: (k: number) => `${k} people`, existingKeys: async () => [], commit: vi.fn() };
const button = (name: string) => screen.getByRole('button', { name, hidden: true }) as HTMLButtonElement;

describe('the import wizard shows each file its own check', () => {
  it('while another file is being chosen, nothing can be checked: a check then would have run on the file before', async () => {
    bridge.pick.mockResolvedValueOnce({ ok: true, value: fileOf('tok-a', 'staff.csv') });
    render(<ImportWizard target={target} onClose={() => {}} />);
    await act(async () => fireEvent.click(button('Choose file…')));
    expect(screen.getByText('staff.csv')).toBeTruthy();

    const next = held<unknown>();
    bridge.pick.mockReturnValueOnce(next.promise);
    await act(async () => fireEvent.click(button('Choose another file…')));
    expect(button('Check every row').disabled).toBe(true);
    expect(button('Choose another file…').disabled).toBe(true);
    await act(async () => next.settle({ ok: true, value: fileOf('tok-b', 'staff-fixed.csv') }));
    expect(screen.getByText('staff-fixed.csv')).toBeTruthy();
    expect(button('Check every row').disabled).toBe(false);
  });

  it('a check overtaken by a change of the column choices shows nothing: its answer is for choices no longer on screen', async () => {
    bridge.pick.mockResolvedValueOnce({ ok: true, value: fileOf('tok-a', 'staff.csv') });
    render(<ImportWizard target={target} onClose={() => {}} />);
    await act(async () => fireEvent.click(button('Choose file…')));
    const answer = held<unknown>();
    bridge.dryRun.mockReturnValueOnce(answer.promise);
    await act(async () => fireEvent.click(button('Check every row')));
    expect(bridge.dryRun).toHaveBeenCalledWith(expect.objectContaining({ fileToken: 'tok-a', mapping: { name: 0, email: 1 } }));
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: '-1' } });
    await act(async () => answer.settle({ ok: true, value: badReport }));
    expect(screen.queryByRole('list', { name: 'Rows with problems', hidden: true })).toBeNull();

    // Checked again with the choices on screen: its answer shows.
    bridge.dryRun.mockResolvedValueOnce({ ok: true, value: badReport });
    await act(async () => fireEvent.click(button('Check every row')));
    expect(bridge.dryRun).toHaveBeenLastCalledWith(expect.objectContaining({ mapping: { name: 0 } }));
    expect(screen.getByRole('list', { name: 'Rows with problems', hidden: true }).textContent).toContain('Row 3: Full name: Missing Name');
  });
});
