// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PersonForm } from '../../../../../renderer/src/features/people/PersonForm';
import { err, ok } from '../../../../../shared/result';

afterEach(cleanup);

describe('PersonForm', () => {
  it('shows each validation message beside its field and marks it invalid', async () => {
    const onSubmit = vi.fn(async () => err('invalid_request', 'Invalid person', { name: 'Name is required', email: 'Not a valid email address' }));
    render(<PersonForm onSubmit={onSubmit} onCancel={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Email'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ email: 'nope' }));
    const name = screen.getByLabelText('Name');
    expect(name).toHaveProperty('ariaInvalid', 'true');
    expect(document.getElementById(name.getAttribute('aria-describedby')!)?.textContent).toBe('Name is required');
    const email = screen.getByLabelText('Email');
    expect(document.getElementById(email.getAttribute('aria-describedby')!)?.textContent).toBe('Not a valid email address');
  });

  it('puts focus on an error summary at the top that links to each refused field', async () => {
    const onSubmit = vi.fn(async () => err('invalid_request', 'Invalid person', { name: 'Name is required', email: 'Not a valid email address' }));
    render(<PersonForm onSubmit={onSubmit} onCancel={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const summary = screen.getByRole('alert', { name: 'Nothing was saved: check these 2 fields' });
    expect(document.activeElement).toBe(summary);
    const form = screen.getByRole('form', { name: 'Add a person' });
    // First in the form, before any field.
    expect(form.querySelector('input, select, .error-summary')).toBe(summary);
    const links = screen.getAllByRole('link').filter((a) => summary.contains(a));
    expect(links.map((a) => a.textContent)).toEqual(['Name is required', 'Not a valid email address']);
    await userEvent.click(links[1]!);
    expect(document.activeElement).toBe(screen.getByLabelText('Email'));
    // A second refused submit takes focus back to the summary.
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(document.activeElement).toBe(summary);
  });

  it('edits an existing person starting from its values', async () => {
    const person = { id: 'p', name: 'Ana', email: 'a@b.gov', phone: '', agency: 'Court', site: '', title: '', kind: 'staff' as const, createdAt: '', updatedAt: '', stamps: {}, deleted: 0 as const };
    const onSubmit = vi.fn(async () => ok(person));
    render(<PersonForm initial={person} onSubmit={onSubmit} onCancel={() => undefined} />);
    expect(screen.getByRole('heading', { name: 'Edit Ana' })).toBeTruthy();
    await userEvent.clear(screen.getByLabelText('Site'));
    await userEvent.type(screen.getByLabelText('Site'), 'Annex{Enter}');
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ name: 'Ana', site: 'Annex', kind: 'staff' }));
  });
});
