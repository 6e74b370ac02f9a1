// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommandPalette } from '../../../../renderer/src/app/CommandPalette';
import type { Command } from '../../../../renderer/src/app/commands';
import { letterShortcutAllowed, resetKeyGuard } from '../../../../renderer/src/app/key-guard';
import { useShortcuts } from '../../../../renderer/src/app/useShortcuts';
import { dialogsInJsdom } from '../ui/support/dialog';

dialogsInJsdom();
afterEach(() => {
  cleanup();
  resetKeyGuard();
});

/** A screen with a one-letter shortcut (like the list's c and j) beside a form whose box is replaced once picked (like the requester look-up). */
function Screen({ onShortcut }: { onShortcut: (key: string) => void }) {
  const [picked, setPicked] = useState(false);
  return (
    <div
      onKeyDown={(e) => {
        if (letterShortcutAllowed(e.nativeEvent)) onShortcut(e.key);
      }}
    >
      <form aria-label="New ticket">
        {picked ? <p>Dana Whitfield</p> : <input aria-label="Requester" onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), setPicked(true))} />}
        <input aria-label="Title" />
      </form>
      <button>Somewhere else</button>
    </div>
  );
}

describe('one-letter shortcuts', () => {
  it('never fire while typing in a form, nor once a form control went away and focus fell to the page', async () => {
    const onShortcut = vi.fn();
    render(<Screen onShortcut={onShortcut} />);
    await userEvent.click(screen.getByLabelText('Requester'));
    await userEvent.keyboard('cj');
    expect(onShortcut).not.toHaveBeenCalled();
    await userEvent.keyboard('{Enter}');
    expect(document.activeElement).toBe(document.body); // the box is gone; focus is on the page
    await userEvent.keyboard('cjr');
    expect(onShortcut).not.toHaveBeenCalled();
    // Moving on to something that is not a form gives the page its keys back.
    screen.getByText('Somewhere else').focus();
    await userEvent.keyboard('c');
    expect(onShortcut).toHaveBeenCalledWith('c');
  });

  it('fire from the page when no form was just used', () => {
    render(<Screen onShortcut={() => undefined} />);
    document.body.focus();
    expect(letterShortcutAllowed(new KeyboardEvent('keydown', { key: 'j' }))).toBe(true);
    expect(letterShortcutAllowed(new KeyboardEvent('keydown', { key: 'j', ctrlKey: true }))).toBe(false);
  });
});

describe('the global shortcut handler', () => {
  it('runs a one-letter command from the page, never in a form or once a form control went away', async () => {
    const run = vi.fn();
    const commands: Command[] = [{ id: 'go.reports', title: 'Go to Reports', group: 'Go to', shortcut: 'r', run }];
    function App() {
      useShortcuts(commands);
      return <Screen onShortcut={() => undefined} />;
    }
    render(<App />);
    await userEvent.click(screen.getByLabelText('Title'));
    await userEvent.keyboard('r');
    await userEvent.click(screen.getByLabelText('Requester'));
    await userEvent.keyboard('{Enter}r');
    expect(run).not.toHaveBeenCalled();
    screen.getByText('Somewhere else').focus();
    await userEvent.keyboard('r');
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('the command palette', () => {
  const commands: Command[] = [
    { id: 'theme', title: 'Switch theme (system, light, dark)', group: 'View', run: () => undefined },
    { id: 'new', title: 'New ticket', group: 'Create', run: () => undefined },
  ];
  function Host() {
    const [open, setOpen] = useState(false);
    return (
      <>
        <button onClick={() => setOpen(true)}>open palette</button>
        <CommandPalette open={open} commands={commands} onClose={() => setOpen(false)} />
        <button onClick={() => setOpen(false)}>close palette</button>
      </>
    );
  }

  it('starts from an empty query each time it opens, and Ctrl+K while open selects the query so typing replaces it', async () => {
    render(<Host />);
    await userEvent.click(screen.getByText('open palette'));
    const input = screen.getByRole('combobox', { name: 'Type a command', hidden: true });
    await userEvent.type(input, 'dark');
    await userEvent.keyboard('{Control>}k{/Control}');
    await userEvent.keyboard('ticket');
    expect(input).toHaveProperty('value', 'ticket');
    act(() => screen.getByText('close palette', { selector: 'button' }).click());
    await userEvent.click(screen.getByText('open palette'));
    expect(screen.getByRole('combobox', { name: 'Type a command', hidden: true })).toHaveProperty('value', '');
  });
});
