// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { err, type Result } from '../../../../../shared/result';
import { ViewNameDialog } from '../../../../../renderer/src/features/tickets/list/ViewNameDialog';
import { dialogsInJsdom } from '../../ui/support/dialog';

dialogsInJsdom();
afterEach(cleanup);

const tooLong = (name: string) => (name.length > 60 ? `View name is too long: ${name.length} characters, the limit is 60` : null);

/** Render the dialog, type `name` and submit it; the save's answer is held until `answer` is called. */
function submitHeld(name: string) {
  let answer: (r: Result<unknown>) => void = () => {};
  render(<ViewNameDialog title="Save view" submitLabel="Save view" initialName="" check={tooLong} onSubmit={() => new Promise((resolve) => (answer = resolve))} onClose={() => {}} />);
  const field = screen.getByRole('textbox', { hidden: true });
  fireEvent.change(field, { target: { value: name } });
  fireEvent.submit(field.closest('form')!);
  return { field, answer: (r: Result<unknown>) => answer(r) };
}

describe('the view name dialog', () => {
  it('a refusal that comes back after the name was changed does not replace the message about the new name', async () => {
    const { field, answer } = submitHeld('all OPEN');
    // Typed on while the save is still being checked.
    fireEvent.change(field, { target: { value: 'x'.repeat(61) } });
    expect(screen.getByText('View name is too long: 61 characters, the limit is 60')).toBeTruthy();
    await act(async () => answer(err('invalid_request', 'There is already a view named “All open”; choose another name')));
    expect(screen.queryByText(/already a view named/)).toBeNull();
    expect(screen.getByText('View name is too long: 61 characters, the limit is 60')).toBeTruthy();
  });

  it('a refusal of the name still in the field is shown beside it', async () => {
    const { answer } = submitHeld('all OPEN');
    await act(async () => answer(err('invalid_request', 'There is already a view named “All open”; choose another name')));
    expect(screen.getByText('There is already a view named “All open”; choose another name')).toBeTruthy();
  });
});
