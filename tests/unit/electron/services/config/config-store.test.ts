import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigStore } from '../../../../../electron/services/config/config-store';

describe('ConfigStore', () => {
  it('persists updates and reloads them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-config-'));
    const a = new ConfigStore(dir);
    expect(await a.load()).toEqual({ syncServerUrl: null });
    await a.update({ syncServerUrl: 'https://sync.example.gov' });
    expect(await new ConfigStore(dir).load()).toEqual({ syncServerUrl: 'https://sync.example.gov' });
    expect(readdirSync(dir)).toEqual(['config.json']); // no temp file left behind
  });
  it('starts with defaults when the file is corrupt or foreign', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-config-'));
    writeFileSync(path.join(dir, 'config.json'), '{"syncServerUrl": ');
    expect(await new ConfigStore(dir).load()).toEqual({ syncServerUrl: null });
    writeFileSync(path.join(dir, 'config.json'), '{"syncServerUrl": 12}');
    expect(await new ConfigStore(dir).load()).toEqual({ syncServerUrl: null });
  });
});
