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
    expect(screen.getByText('Name is required').id).toBe(name.getAttribute('aria-describedby'));
    expect(screen.getByText('Not a valid email address')).toBeTruthy();
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
