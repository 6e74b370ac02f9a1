/**
 * Main's registration list agrees with the shared one: every feature with IPC
 * channels has a services contribution, whose handlers are exactly its
 * channels, and every contribution file is listed. (The renderer's lists are
 * checked in tests/unit/renderer/features.test.ts.)
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_FEATURES } from '../../../../electron/services/features';
import type { HandlerDeps } from '../../../../electron/services/handlers';
import { SHARED_FEATURES } from '../../../../shared/features';
import { channels } from '../../../../shared/ipc/contract';

const root = join(__dirname, '../../../..');
const ids = (list: readonly { id: string }[]) => list.map((f) => f.id).sort();

describe("main's feature registration list", () => {
  it('names every electron/services/<feature>/contribution.ts, and only features of shared/features.ts', () => {
    const folders = readdirSync(join(root, 'electron/services'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, 'electron/services', d.name, 'contribution.ts')))
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual(ids(SERVICE_FEATURES));
    for (const id of ids(SERVICE_FEATURES)) expect(ids(SHARED_FEATURES)).toContain(id);
  });

  it('gives every feature with channels its handlers, exactly for its channels', () => {
    // Handlers are made, never called: only the data folder is read (the inform feature's draft files).
    const deps = { dataDir: '/nonexistent/fielddesk-data' } as HandlerDeps;
    const withChannels = SHARED_FEATURES.filter((f) => Object.keys(f.channels).length > 0);
    expect(ids(SERVICE_FEATURES)).toEqual(ids(withChannels));
    for (const f of withChannels) {
      const services = SERVICE_FEATURES.find((s) => s.id === f.id)!;
      expect(Object.keys(services.createHandlers(deps)).sort(), f.id).toEqual(Object.keys(f.channels).sort());
      for (const name of Object.keys(f.channels)) expect(channels).toHaveProperty([name]);
    }
  });
});
