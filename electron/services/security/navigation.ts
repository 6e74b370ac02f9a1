import { validateExternalUrl } from './external-links';
import { isAppUrl } from './origins';

export type NavigationDecision = { allow: true } | { allow: false; openExternally?: string };

/**
 * will-navigate / will-redirect: stay inside the app. A link to the web is
 * handed to the OS browser instead of loading in a window that has the bridge.
 */
export function decideNavigation(url: string, appOrigins: readonly string[]): NavigationDecision {
  if (isAppUrl(url, appOrigins)) return { allow: true };
  const external = validateExternalUrl(url);
  return external.ok ? { allow: false, openExternally: external.value } : { allow: false };
}

/** window.open and target=_blank: never a new Electron window; web links go to the OS. */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally?: string } {
  const external = validateExternalUrl(url);
  return external.ok ? { action: 'deny', openExternally: external.value } : { action: 'deny' };
}
