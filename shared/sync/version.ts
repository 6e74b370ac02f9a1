/**
 * Which FieldDesk is talking to the server. Every request to a `/v1/` route
 * names its protocol and app version in two headers; a server with a minimum
 * app version (or a newer minimum protocol) answers an older client
 * `426 upgrade_required` and changes nothing. See docs/sync-protocol.md,
 * "Versions".
 */
export const VERSION_HEADERS = {
  protocol: 'x-fielddesk-protocol',
  version: 'x-fielddesk-version',
} as const;

/** This build's app version; kept equal to package.json's by a unit test. */
export const APP_VERSION = '0.1.0';

/** What the app shows (as its sync status) when the server answers 426. */
export const UPGRADE_MESSAGE = 'This server needs a newer FieldDesk. Update FieldDesk to keep syncing; your changes are kept on this device.';

const VERSION_RE = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})(?:-([0-9A-Za-z.-]{1,40}))?$/;

export interface AppVersion {
  major: number;
  minor: number;
  patch: number;
  /** A pre-release tag (`1.2.0-beta.1`) sorts before its release. */
  pre?: string;
}

/** `major.minor.patch[-pre]`, or null when the text is not one. */
export function parseAppVersion(text: string): AppVersion | null {
  const m = VERSION_RE.exec(text.trim());
  if (!m) return null;
  const v: AppVersion = { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
  return m[4] ? { ...v, pre: m[4] } : v;
}

/** Negative when a is older than b, 0 when equal, positive when newer. */
export function compareAppVersions(a: AppVersion, b: AppVersion): number {
  const d = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (d !== 0) return d;
  if (a.pre === b.pre) return 0;
  if (a.pre === undefined) return 1;
  if (b.pre === undefined) return -1;
  return a.pre < b.pre ? -1 : 1;
}
