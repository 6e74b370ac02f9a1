import { pickDeviceCode, nextTicketNumber } from '../../../../../shared/tickets/numbering';
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
  if (!state) {
    const taken = new Set<string>();
    const numbers = (await t.tickets.orderBy('number').uniqueKeys()) as string[];
    for (const n of numbers) taken.add(n.slice(0, n.indexOf('-')));
    state = { code: pickDeviceCode(deviceId, taken), seq: 0 };
  }
  let next = nextTicketNumber(state.code, state.seq);
  while ((await t.tickets.where('number').equals(next.number).count()) > 0) next = nextTicketNumber(state.code, next.seq);
  await db.meta.put({ key: KEY, value: { code: state.code, seq: next.seq } satisfies Numbering });
  return next.number;
}
