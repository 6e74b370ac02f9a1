/**
 * Pull cursors are opaque to clients: `v1.<epoch>.<seq>`. The epoch is random
 * per database, so a cursor from another server (or a database rebuilt from
 * scratch) is recognised and answered with a full resync instead of silently
 * skipping everything below its number.
 */
export interface Cursor {
  epoch: string;
  seq: number;
}

export function encodeCursor(c: Cursor): string {
  return `v1.${c.epoch}.${c.seq}`;
}

/** null for the start of time (no cursor); 'invalid' when the text is not a cursor at all. */
export function decodeCursor(text: string | undefined): Cursor | null | 'invalid' {
  if (text === undefined || text === '') return null;
  const m = /^v1\.([0-9a-f]{1,64})\.(0|[1-9][0-9]{0,15})$/.exec(text);
  if (!m) return 'invalid';
  const seq = Number(m[2]);
  if (!Number.isSafeInteger(seq)) return 'invalid';
  return { epoch: m[1] as string, seq };
}
