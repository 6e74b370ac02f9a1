// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataProvider, useData, type DataContextValue } from '../../../../../renderer/src/app/data-context';
import { ProfileSection } from '../../../../../renderer/src/features/settings/SettingsScreen';

afterEach(cleanup);

let data: DataContextValue | null = null;
function Capture() {
  data = useData();
  return null;
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe('Settings: profile', () => {
  it('a field typed into before the stored profile is read keeps what was typed; the other shows the stored value and saves it', async () => {
    render(
      <DataProvider dbName={`profile-form-${Math.random().toString(36).slice(2)}`}>
        <Capture />
        <ProfileSection />
      </DataProvider>,
    );
    await screen.findByLabelText('Your name');
    // The profile arrives after the name was typed (CI's race: Settings opened and typed into at once).
    fireEvent.change(field('Your name'), { target: { value: 'Rae Reviewer' } });
    await act(async () => {
      const saved = await data!.profile.save({ staffName: 'Cora Coordinator', deviceName: 'Laptop 7' });
      expect(saved.ok).toBe(true);
    });
    await expect.poll(() => field('This device').value).toBe('Laptop 7');
    expect(field('Your name').value).toBe('Rae Reviewer');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    });
    await expect.poll(async () => (await data!.profile.get())?.staffName).toBe('Rae Reviewer');
    expect((await data!.profile.get())?.deviceName).toBe('Laptop 7');
    expect(screen.queryByText('Nothing was saved: check this field')).toBeNull();
  });
});
