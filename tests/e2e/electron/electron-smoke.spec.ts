import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../../electron/browser-host/electron-binary';
import { CHANNEL_NAMES } from '../../../shared/ipc/contract';

const BRIDGE_KEYS = [...new Set(CHANNEL_NAMES.map((n) => n.split('.')[0]!)), 'onMenuCommand'].sort();

const binary = findElectronBinary();

test.describe('Electron smoke test', () => {
  test('the packaged main process opens a secure window with the bridge', async () => {
    if ('missing' in binary) {
      // Said plainly in the output, not skipped in silence.
      console.log(`[electron-smoke] SKIPPED: ${binary.missing}`);
      test.skip(true, binary.missing);
      return;
    }
    const app = await electron.launch({ executablePath: binary.path, args: ['out/main/index.js', '--no-sandbox'] });
    try {
      const window = await app.firstWindow();
      await expect(window).toHaveTitle('FieldDesk');
      expect(window.url()).toMatch(/^app:\/\/fielddesk\//);
      const shape = await window.evaluate(() => ({
        bridge: Object.keys((window as unknown as { fielddesk: object }).fielddesk).sort(),
        node: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }));
      expect(shape).toEqual({ bridge: BRIDGE_KEYS, node: 'undefined', process: 'undefined' });
      // Sandboxed and isolated: the page cannot reach Node even through the preload's globals.
      expect(await window.evaluate(() => typeof (globalThis as { Buffer?: unknown }).Buffer)).toBe('undefined');
      await window.screenshot({ path: test.info().outputPath('electron-window.png') });
    } finally {
      await app.close();
    }
  });
});
