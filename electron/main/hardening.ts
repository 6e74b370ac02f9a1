import type { Session, WebContents } from 'electron';
import { decideNavigation, decideWindowOpen } from '../services/security/navigation';
import { decidePermission } from '../services/security/permissions';

/** Deny-by-default permissions, and the CSP on dev-server responses too. */
export function hardenSession(ses: Session, appOrigins: readonly string[], csp: () => string, devServerUrl: string | null): void {
  ses.setPermissionRequestHandler((wc, permission, callback) => callback(decidePermission(permission, wc.getURL(), appOrigins)));
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => decidePermission(permission, requestingOrigin, appOrigins));
  if (devServerUrl) {
    ses.webRequest.onHeadersReceived({ urls: [`${devServerUrl}/*`] }, (details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp()] } });
    });
  }
}

/** Navigation, redirects, new windows and webviews for every web contents ever created. */
export function hardenWebContents(contents: WebContents, appOrigins: readonly string[], openExternal: (url: string) => Promise<void>): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    const decision = decideNavigation(url, appOrigins);
    if (decision.allow) return;
    event.preventDefault();
    if (decision.openExternally) void openExternal(decision.openExternally);
  };
  contents.on('will-navigate', (event, url) => guard(event, url));
  contents.on('will-redirect', (event, url) => guard(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) void openExternal(decision.openExternally);
    return { action: decision.action };
  });
}
