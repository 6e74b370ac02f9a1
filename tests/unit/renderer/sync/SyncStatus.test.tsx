// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../renderer/src/data/db';
import { quarantineKey, rejectedKey } from '../../../../renderer/src/sync/state-keys';
import { DataProvider } from '../../../../renderer/src/app/data-context';
import { useSync } from '../../../../renderer/src/app/sync-store';
import { SyncStatus } from '../../../../renderer/src/features/sync/SyncStatus';

const initial = useSync.getState();
afterEach(() => {
  cleanup();
  useSync.setState(initial, true);
});

async function renderStatus(dbName = `sync-status-${Math.random()}`): Promise<void> {
  render(
    <DataProvider dbName={dbName}>
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

describe('status bar while sync problems wait for the user', () => {
  it('warns, not green, while a refused change or a held-back record waits, and links to them', async () => {
    const name = `sync-status-problems-${Math.random()}`;
    const db = await openDatabase(name);
    await db.syncState.bulkPut([
      { key: rejectedKey(7), value: { seq: 7, opId: 'o', table: 'teams', id: 't', fields: {}, at: '', code: 'forbidden', message: 'no', setAsideAt: '' } },
      { key: quarantineKey('tickets', 'x'), value: { table: 'tickets', id: 'x', fields: {}, stamps: {}, title: null, reason: 'Title: bad', field: 'title', at: '' } },
      { key: quarantineKey('tickets', 'y'), value: { table: 'tickets', id: 'y', fields: {}, stamps: {}, title: null, reason: 'Title: bad', field: 'title', at: '', dismissed: true } },
    ]);
    db.close();
    await renderStatus(name);
    act(() => useSync.setState({ configured: true, phase: 'synced', lastSyncedAt: '2026-03-02T10:00:00.000Z' }));
    await expect.poll(label).toContain('2 sync problems need your attention');
    expect(screen.getByTestId('sync-status').className).toContain('sync-warn');
    expect(screen.getByRole('link', { name: 'Review sync problems' }).getAttribute('href')).toBe('#/settings');
  });

  it('is green again once nothing waits', async () => {
    await renderStatus();
    act(() => useSync.setState({ configured: true, phase: 'synced', lastSyncedAt: '2026-03-02T10:00:00.000Z' }));
    await expect.poll(label).toMatch(/^Synced at/);
    expect(screen.queryByRole('link', { name: 'Review sync problems' })).toBeNull();
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
