/**
 * Pull cursors are opaque to clients: `v1.<epoch>.<seq>`, or
 * `v1.<epoch>.<seq>.full` in the middle of a pull that started from an empty
 * cursor (a new device or a full resync). The epoch is random per database,
 * so a cursor from another server (or a database rebuilt from scratch) is
 * recognised and answered with a full resync instead of silently skipping
 * everything below its number.
 *
 * `full` marks a chain of pages the device will reconcile as a whole: at its
 * end it drops every record it was not sent, so a tombstone purged while it
 * is paging cannot leave a deleted record behind on it, and the tombstone
 * horizon does not apply. The chain's last page hands out a plain cursor at
 * the server's head, which is never below the horizon.
 */
export interface Cursor {
  epoch: string;
  seq: number;
  full?: boolean;
}

export function encodeCursor(c: Cursor): string {
  return `v1.${c.epoch}.${c.seq}${c.full ? '.full' : ''}`;
}

/** null for the start of time (no cursor); 'invalid' when the text is not a cursor at all. */
export function decodeCursor(text: string | undefined): Cursor | null | 'invalid' {
  if (text === undefined || text === '') return null;
  const m = /^v1\.([0-9a-f]{1,64})\.(0|[1-9][0-9]{0,15})(\.full)?$/.exec(text);
  if (!m) return 'invalid';
  const seq = Number(m[2]);
  if (!Number.isSafeInteger(seq)) return 'invalid';
  return m[3] ? { epoch: m[1] as string, seq, full: true } : { epoch: m[1] as string, seq };
}
