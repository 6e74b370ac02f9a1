// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataProvider } from '../../../../renderer/src/app/data-context';
import { useSync } from '../../../../renderer/src/app/sync-store';
import { SyncStatus } from '../../../../renderer/src/app/SyncStatus';

const initial = useSync.getState();
afterEach(() => {
  cleanup();
  useSync.setState(initial, true);
});

async function renderStatus(): Promise<void> {
  render(
    <DataProvider dbName={`sync-status-${Math.random()}`}>
      <SyncStatus />
    </DataProvider>,
  );
  await screen.findByTestId('sync-status');
}

const label = () => screen.getByTestId('sync-status').textContent;

describe('status bar during a first sync', () => {
  it('shows how many records a first sync has received, and moves with each page', async () => {
    await renderStatus();
    act(() => useSync.setState({ configured: true, phase: 'syncing', progress: { received: 1000, pages: 1, fromStart: true } }));
    await expect.poll(label).toBe(`First sync — ${(1000).toLocaleString()} records so far…`);
    act(() => useSync.setState({ progress: { received: 12000, pages: 12, fromStart: true } }));
    await expect.poll(label).toBe(`First sync — ${(12000).toLocaleString()} records so far…`);
    expect(screen.getByTestId('sync-status').className).toContain('sync-busy');
  });

  it('says only "Syncing…" for an ordinary pull, and the time once synced', async () => {
    await renderStatus();
    act(() => useSync.setState({ configured: true, phase: 'syncing', progress: { received: 3, pages: 1, fromStart: false } }));
    await expect.poll(label).toBe('Syncing…');
    const at = '2026-03-02T10:00:00.000Z';
    act(() => useSync.setState({ phase: 'synced', progress: null, lastSyncedAt: at }));
    await expect.poll(label).toBe(`Synced at ${new Date(at).toLocaleTimeString()}`);
  });

  it('an error wins over progress, with Retry', async () => {
    await renderStatus();
    act(() => useSync.setState({ configured: true, phase: 'error', error: 'Cannot reach the server', retry: () => undefined, progress: { received: 5000, pages: 5, fromStart: true } }));
    await expect.poll(label).toContain('Error — Cannot reach the server');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});

describe('status bar without a server', () => {
  it('says sync is not set up (not "Offline"), and links to Settings', async () => {
    await renderStatus();
    act(() => useSync.setState({ configured: false, phase: 'idle' }));
    await expect.poll(label).toContain('Not syncing: no server set up — 0 changes saved on this device');
    expect(label()).not.toContain('Offline');
    const link = screen.getByRole('link', { name: 'Set up sync' });
    expect(link.getAttribute('href')).toBe('#/settings');
  });

  it('a device with a server that lost the network is offline', async () => {
    await renderStatus();
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      cleanup();
      await renderStatus();
      act(() => useSync.setState({ configured: true }));
      await expect.poll(label).toContain('Offline — 0 changes saved on this device');
      expect(screen.queryByRole('link', { name: 'Set up sync' })).toBeNull();
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
      if (onLine) Object.defineProperty(Navigator.prototype, 'onLine', onLine);
    }
  });
});
