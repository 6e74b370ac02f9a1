import { pickDeviceCode, nextTicketNumber } from '../../../../../shared/tickets/numbering';
import type { Table } from 'dexie';
import type { FieldDeskDb } from '../../db';
import type { TicketTables } from './tables';

/** Local bookkeeping (meta, never synced): this device's ticket code and the last sequence it used. */
interface Numbering {
  code: string;
  seq: number;
}
const KEY = 'ticketNumbering';

/**
 * The next ticket number of this device. Call inside the create transaction
 * (with `db.meta` and the tickets table in scope), so two creates never take
 * the same sequence. The code is chosen once, avoiding codes already seen on
 * other devices' tickets; a number that exists anyway (a restored backup, a
 * clash learnt by sync) is skipped rather than reused.
 */
export async function takeTicketNumber(db: FieldDeskDb, t: TicketTables, deviceId: string): Promise<string> {
  let state = (await db.meta.get(KEY))?.value as Numbering | undefined;
  if (!state) state = { code: pickDeviceCode(deviceId, await codesInUse(t.tickets)), seq: 0 };
  let next = nextTicketNumber(state.code, state.seq);
  while ((await t.tickets.where('number').equals(next.number).count()) > 0) next = nextTicketNumber(state.code, next.seq);
  await db.meta.put({ key: KEY, value: { code: state.code, seq: next.seq } satisfies Numbering });
  return next.number;
}

const codeOf = (number: string): string => number.slice(0, number.indexOf('-'));

/** The device codes of every ticket number this device holds. */
async function codesInUse(tickets: Table): Promise<Set<string>> {
  return new Set(((await tickets.orderBy('number').uniqueKeys()) as string[]).map(codeOf));
}

/**
 * A pulled page brought a ticket, new to this device, whose number carries
 * this device's own code: another device numbers with the same code (two
 * codes hashed alike, or a backup restored on a second laptop while the first
 * is still in use). From now on this device numbers with a code no ticket it
 * holds uses, so the two stop issuing the same numbers; the numbers already
 * issued stay as they are (they are in other people's notes and e-mails).
 * Runs in the page's transaction (meta is in its scope), so the new code and
 * the tickets that showed the clash commit together. Returns the new code, if any.
 */
export async function recodeAfterClash(db: FieldDeskDb, rows: readonly Record<string, unknown>[], before: readonly (Record<string, unknown> | undefined)[]): Promise<string | null> {
  const fresh = rows.filter((r, i) => before[i] === undefined && typeof r.number === 'string');
  if (fresh.length === 0) return null;
  const state = (await db.meta.get(KEY))?.value as Numbering | undefined;
  // A device that has not numbered a ticket yet picks its code among the codes it holds when it first does.
  if (!state) return null;
  const clash = fresh.some((r) => codeOf(r.number as string) === state.code);
  if (!clash) return null;
  const taken = await codesInUse(db.table('tickets'));
  taken.add(state.code);
  const code = pickDeviceCode(db.device.get().deviceId, taken);
  await db.meta.put({ key: KEY, value: { code, seq: 0 } satisfies Numbering });
  return code;
}
