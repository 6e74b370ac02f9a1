import type { SenderInfo } from '../ipc/router';
import { isAppUrl } from './origins';

/**
 * Only the app's own top-level frame may call main: not an iframe (a handout
 * preview, say), and not a page the window was somehow navigated to.
 */
export function isTrustedSender(sender: SenderInfo, appOrigins: readonly string[]): boolean {
  return sender.isTopFrame && isAppUrl(sender.url, appOrigins);
}
