import { describe, expect, it } from 'vitest';
import { buildBridgeMethods } from '../../../../shared/ipc/bridge-types';
import { CHANNEL_NAMES, channels, isChannelName } from '../../../../shared/ipc/contract';

describe('IPC contract', () => {
  it('names every channel namespace.method, with request and response schemas', () => {
    for (const name of CHANNEL_NAMES) {
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect(channels[name].request.safeParse).toBeTypeOf('function');
      expect(channels[name].response.safeParse).toBeTypeOf('function');
      expect(channels[name].description.length).toBeGreaterThan(10);
    }
  });
  it('does not mistake inherited properties for channels', () => {
    expect(isChannelName('toString')).toBe(false);
    expect(isChannelName('constructor')).toBe(false);
    expect(isChannelName('app.info')).toBe(true);
  });
  it('builds one named method per channel, passing exactly the request through', async () => {
    const calls: unknown[][] = [];
    const bridge = buildBridgeMethods(CHANNEL_NAMES, async (...args) => {
      calls.push(args);
      return 'r';
    });
    expect(Object.keys(bridge).sort()).toEqual([...new Set(CHANNEL_NAMES.map((n) => n.split('.')[0]))].sort());
    expect(Object.values(bridge).reduce((n, ns) => n + Object.keys(ns).length, 0)).toBe(CHANNEL_NAMES.length);
    await bridge.config!.setSyncServer!({ url: null });
    expect(calls).toEqual([['config.setSyncServer', { url: null }]]);
  });
});
