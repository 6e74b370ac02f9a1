// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary, errorDetails, readableMessage } from '../../../../renderer/src/ui/ErrorBoundary';

afterEach(cleanup);
// React reports every caught render error on the console; the test asserts what the user sees instead.
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

let broken = true;
/** Renders a record as a bad pulled ticket would (an object where a string belongs) while `broken`. */
function TicketTitle({ title }: { title: unknown }) {
  if (broken) return <p>{title as string}</p>;
  return <p>Title: {String(title)}</p>;
}

function Page() {
  const [count, setCount] = useState(0);
  return (
    <div>
      <nav>
        <button type="button" onClick={() => setCount((c) => c + 1)}>
          Sidebar link {count}
        </button>
      </nav>
      <ErrorBoundary name="Tickets">
        <TicketTitle title={{ nested: 'object' }} />
      </ErrorBoundary>
    </div>
  );
}

describe('ErrorBoundary', () => {
  it('shows which screen failed and why in its place, while the rest of the window keeps working', async () => {
    broken = true;
    render(<Page />);
    const alert = screen.getByRole('alert', { name: 'Tickets could not be shown' });
    expect(alert.textContent).toContain('Tickets could not be shown');
    // React's own message for an object rendered as a child names the object's keys.
    expect(alert.textContent).toMatch(/Objects are not valid as a React child/);
    await userEvent.click(screen.getByRole('button', { name: 'Sidebar link 0' }));
    expect(screen.getByRole('button', { name: 'Sidebar link 1' })).toBeTruthy();
  });

  it('Reload mounts the screen again', async () => {
    broken = true;
    render(<Page />);
    expect(screen.getByRole('alert')).toBeTruthy();
    broken = false; // the data was mended (a later pull)
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Title: [object Object]')).toBeTruthy();
  });

  it('Copy details puts the screen, the error and the component stack on the clipboard', async () => {
    broken = true;
    const user = userEvent.setup();
    render(<Page />);
    await user.click(screen.getByRole('button', { name: 'Copy details' }));
    const copied = await navigator.clipboard.readText();
    expect(copied).toContain('"Tickets" could not be shown');
    expect(copied).toContain('Objects are not valid as a React child');
    expect(copied).toContain('Component stack:');
    expect(copied).toContain('TicketTitle');
    expect(await screen.findByText('Details copied to the clipboard.')).toBeTruthy();
  });

  it('calls onError with what it caught', () => {
    const onError = vi.fn();
    function Boom(): never {
      throw new Error('bad record');
    }
    render(
      <ErrorBoundary name="SLA" onError={onError}>
        <Boom />
      </ErrorBoundary>,
    );
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'bad record' }), expect.anything());
    expect(screen.getByRole('alert', { name: 'SLA could not be shown' }).textContent).toContain('bad record');
  });

  it("says the production build's coded React errors in words", () => {
    const coded = new Error('Minified React error #31; visit https://react.dev/errors/31?args[]=object%20with%20keys%20%7Btext%7D for the full message');
    expect(readableMessage(coded)).toBe('Objects are not valid as a React child (found: object with keys {text}): a record holds a value this screen cannot show.');
    expect(readableMessage(new Error('Minified React error #185; visit https://react.dev/errors/185 for the full message'))).toBe('React error #185');
    expect(errorDetails('Tickets', coded, null)).toContain('Raw: Minified React error #31');
  });

  it('writes details that name a non-Error throw', () => {
    expect(errorDetails('People', 'just a string', null)).toContain('Error: just a string');
  });
});
