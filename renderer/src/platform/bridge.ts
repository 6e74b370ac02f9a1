import type { FieldDeskBridge } from '../../../shared/ipc/bridge-types';
import { CHANNEL_NAMES } from '../../../shared/ipc/contract';
import { buildBridgeMethods } from '../../../shared/ipc/bridge-types';
import { err } from '../../../shared/result';

declare global {
  interface Window {
    fielddesk?: FieldDeskBridge;
  }
}

/**
 * The typed client of main. In Electron (and the test host) the preload has
 * put the bridge on window; opened any other way, every call answers
 * `unavailable` so the app still runs on its local database.
 */
function unavailableBridge(): FieldDeskBridge {
  const methods = buildBridgeMethods(CHANNEL_NAMES, async () => err('unavailable', 'This feature needs the FieldDesk desktop app.'));
  return { ...methods, onMenuCommand: () => () => undefined } as unknown as FieldDeskBridge;
}

export const platform: FieldDeskBridge = window.fielddesk ?? unavailableBridge();
export const hasDesktopBridge = window.fielddesk !== undefined;
