import { FIRST_SYNC_TIERS, type FirstSyncTier } from '../../shared/sync/tiers';

/**
 * Pull cursors are opaque to clients: `v1.<epoch>.<seq>`, or
 * `v1.<epoch>.<seq>.full.<horizon>` in the middle of a pull that started from
 * an empty cursor (a new device or a full resync), where `<horizon>` is the
 * tombstone horizon when that pull began. The epoch is random per database,
 * so a cursor from another server (or a database rebuilt from scratch) is
 * recognised and answered with a full resync instead of silently skipping
 * everything below its number.
 *
 * Why the horizon rides along: a device that started from nothing cannot hold
 * a record whose tombstone was purged before it began (a record is sent at its
 * latest change, which was that tombstone). So its cursor is compared with
 * the horizon only once a purge has moved the horizon since it began, however
 * far below the horizon its pages start. The chain's last page hands out a
 * plain cursor at the server's head, which is never below the horizon.
 */
export interface Cursor {
  epoch: string;
  seq: number;
  /** Set on the pages of a pull from an empty cursor: the horizon when it began. */
  fullFrom?: number;
  /**
   * Set on the pages of a first sync in tiers (`v1.<epoch>.<seq>.tier.<name>.<upTo>`):
   * the tier being read and the server's head when the fill began. `seq` is
   * the position within that tier; only records numbered up to `upTo` are read.
   */
  tier?: { name: FirstSyncTier; upTo: number };
}

export function encodeCursor(c: Cursor): string {
  if (c.tier) return `v1.${c.epoch}.${c.seq}.tier.${c.tier.name}.${c.tier.upTo}`;
  return `v1.${c.epoch}.${c.seq}${c.fullFrom === undefined ? '' : `.full.${c.fullFrom}`}`;
}

/** null for the start of time (no cursor); 'invalid' when the text is not a cursor at all. */
export function decodeCursor(text: string | undefined): Cursor | null | 'invalid' {
  if (text === undefined || text === '') return null;
  const m = /^v1\.([0-9a-f]{1,64})\.(0|[1-9][0-9]{0,15})(?:\.full\.(0|[1-9][0-9]{0,15})|\.tier\.([a-z]{1,16})\.(0|[1-9][0-9]{0,15}))?$/.exec(text);
  if (!m) return 'invalid';
  const seq = Number(m[2]);
  if (!Number.isSafeInteger(seq)) return 'invalid';
  if (m[4] !== undefined) {
    const name = m[4] as FirstSyncTier;
    const upTo = Number(m[5]);
    if (!FIRST_SYNC_TIERS.includes(name) || !Number.isSafeInteger(upTo) || seq > upTo) return 'invalid';
    return { epoch: m[1] as string, seq, tier: { name, upTo } };
  }
  if (m[3] === undefined) return { epoch: m[1] as string, seq };
  const fullFrom = Number(m[3]);
  if (!Number.isSafeInteger(fullFrom)) return 'invalid';
  return { epoch: m[1] as string, seq, fullFrom };
}
