import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Attendee } from '../../../../shared/training/registration';
import {
  applyRegistrationChanges,
  cancelRegistration,
  changeCapacity,
  registerAttendee,
  seatCounts,
  waitlistOrder,
  type RegistrationDraft,
} from '../../../../shared/training/waitlist';

const session = { id: 's1', capacity: 2, status: 'scheduled' as const };
const person = (n: number): Attendee => ({ kind: 'person', personId: `p${n}` });
const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute)).toISOString();

/** Register people one per minute, applying each result, as the repository would. */
function registerAll(n: number, s = session): RegistrationDraft[] {
  let regs: RegistrationDraft[] = [];
  for (let i = 1; i <= n; i++) {
    const r = registerAttendee({ session: s, registrations: regs, attendee: person(i), now: at(i), newId: () => `r${i}` });
    if (!r.ok) throw new Error(r.error.message);
    regs = applyRegistrationChanges(regs, r.value.changes) as RegistrationDraft[];
  }
  return regs;
}

describe('registration and the wait list', () => {
  it('registers until full, then wait-lists in order', () => {
    const regs = registerAll(4);
    expect(regs.map((r) => r.status)).toEqual(['registered', 'registered', 'waitlisted', 'waitlisted']);
    expect(seatCounts(session, regs)).toMatchObject({ registered: 2, waitlisted: 2, available: 0, overBy: 0 });
    const fifth = registerAttendee({ session, registrations: regs, attendee: person(5), now: at(5), newId: () => 'r5' });
    expect(fifth).toMatchObject({ ok: true, value: { status: 'waitlisted', waitlistPosition: 3 } });
    if (fifth.ok) expect(fifth.value.changes).toEqual([{ kind: 'insert', reason: 'waitlisted', record: expect.objectContaining({ id: 'r5', waitlistedAt: at(5) }) }]);
  });

  it('moves the first wait-listed person up when a registered person cancels', () => {
    const regs = registerAll(4);
    const r = cancelRegistration({ session, registrations: regs, registrationId: 'r1', now: at(30) });
    expect(r.ok && r.value.changes).toEqual([
      { kind: 'update', reason: 'cancelled', id: 'r1', fields: { status: 'cancelled', waitlistedAt: null, statusChangedAt: at(30) } },
      { kind: 'update', reason: 'promoted', id: 'r3', fields: { status: 'registered', waitlistedAt: null, statusChangedAt: at(30) } },
    ]);
  });

  it('promotes nobody when a wait-listed person cancels', () => {
    const r = cancelRegistration({ session, registrations: registerAll(4), registrationId: 'r4', now: at(30) });
    expect(r.ok && r.value.changes.map((c) => c.reason)).toEqual(['cancelled']);
  });

  it('orders the wait list by when people joined, whatever order records arrive in', () => {
    const regs = registerAll(5).reverse();
    expect(waitlistOrder(session, regs).map((r) => r.id)).toEqual(['r3', 'r4', 'r5']);
  });

  it('refuses duplicates with a message and changes nothing', () => {
    const regs = registerAll(3);
    expect(registerAttendee({ session, registrations: regs, attendee: person(1), now: at(9), newId: () => 'x' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Already registered for this session.' },
    });
    expect(registerAttendee({ session, registrations: regs, attendee: person(3), now: at(9), newId: () => 'x' })).toMatchObject({
      ok: false,
      error: { message: 'Already on the wait list (number 1).' },
    });
  });

  it('does not treat two walk-ins with the same name and no email as one person', () => {
    const walkIn: Attendee = { kind: 'walkIn', name: 'Maria Garcia', agency: '', email: '' };
    const first = registerAttendee({ session: { ...session, capacity: 5 }, registrations: [], attendee: walkIn, now: at(1), newId: () => 'w1' });
    if (!first.ok) throw new Error();
    const regs = applyRegistrationChanges([], first.value.changes);
    expect(registerAttendee({ session: { ...session, capacity: 5 }, registrations: regs, attendee: walkIn, now: at(2), newId: () => 'w2' }).ok).toBe(true);
  });

  it('turns an invitation into a registration on the same record', () => {
    const inv = registerAttendee({ session, registrations: [], attendee: person(1), now: at(1), newId: () => 'r1', inviteOnly: true });
    expect(inv).toMatchObject({ ok: true, value: { status: 'invited' } });
    if (!inv.ok) return;
    const regs = applyRegistrationChanges([], inv.value.changes);
    expect(seatCounts(session, regs)).toMatchObject({ registered: 0, invited: 1, available: 2 });
    const reg = registerAttendee({ session, registrations: regs, attendee: person(1), now: at(2), newId: () => 'unused' });
    expect(reg.ok && reg.value.changes).toEqual([{ kind: 'update', reason: 'registered', id: 'r1', fields: { status: 'registered', waitlistedAt: null, statusChangedAt: at(2) } }]);
  });

  it('refuses registration for a cancelled session', () => {
    expect(registerAttendee({ session: { ...session, status: 'cancelled' }, registrations: [], attendee: person(1), now: at(1), newId: () => 'r1' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'This session is cancelled; nobody can register for it.' },
    });
  });

  it('lets the trainer seat a walk-in past capacity', () => {
    const r = registerAttendee({ session, registrations: registerAll(3), attendee: { kind: 'walkIn', name: 'Door', agency: '', email: '' }, now: at(9), newId: () => 'w', allowOverCapacity: true });
    expect(r).toMatchObject({ ok: true, value: { status: 'registered' } });
  });

  it('seats people already waiting before a newcomer when seats are free (say after a sync)', () => {
    // Two devices: the wait list has r3 although a seat is free.
    const regs = registerAll(3).map((r) => (r.id === 'r2' ? { ...r, status: 'cancelled' as const } : r));
    const r = registerAttendee({ session, registrations: regs, attendee: person(9), now: at(40), newId: () => 'r9' });
    expect(r.ok && r.value.changes.map((c) => [c.reason, c.kind === 'insert' ? c.record.id : c.id])).toEqual([
      ['promoted', 'r3'],
      ['waitlisted', 'r9'],
    ]);
  });

  it('pulls people off the wait list when capacity grows, and bumps nobody when it shrinks', () => {
    const regs = registerAll(5);
    const grow = changeCapacity({ session, registrations: regs, capacity: 4, now: at(50) });
    expect(grow.ok && grow.value.changes.map((c) => (c.kind === 'update' ? c.id : ''))).toEqual(['r3', 'r4']);
    const shrink = changeCapacity({ session, registrations: regs, capacity: 1, now: at(50) });
    expect(shrink).toEqual({ ok: true, value: { changes: [], overBy: 1 } });
    expect(changeCapacity({ session, registrations: regs, capacity: 0, now: at(50) }).ok).toBe(false);
  });

  it('keeps its invariants over any sequence of registrations and cancellations', () => {
    type Op = { kind: 'register'; person: number } | { kind: 'cancel'; pick: number };
    const op = fc.oneof(
      fc.record({ kind: fc.constant('register' as const), person: fc.integer({ min: 1, max: 12 }) }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(op, { maxLength: 40 }), (capacity, ops: Op[]) => {
        const s = { ...session, capacity };
        let regs: RegistrationDraft[] = [];
        let minute = 0;
        let n = 0;
        for (const o of ops) {
          minute += 1;
          const queueBefore = waitlistOrder(s, regs).map((r) => r.id);
          const result =
            o.kind === 'register'
              ? registerAttendee({ session: s, registrations: regs, attendee: person(o.person), now: at(minute), newId: () => `n${++n}` })
              : (() => {
                  const active = regs.filter((r) => r.status !== 'cancelled');
                  const target = active[o.pick % Math.max(1, active.length)];
                  return target ? cancelRegistration({ session: s, registrations: regs, registrationId: target.id, now: at(minute) }) : null;
                })();
          if (!result || !result.ok) continue;
          // Promotions always take people from the front of the queue, in order.
          const promoted = result.value.changes.filter((c) => c.reason === 'promoted').map((c) => (c.kind === 'update' ? c.id : ''));
          expect(promoted).toEqual(queueBefore.slice(0, promoted.length));
          regs = applyRegistrationChanges(regs, result.value.changes) as RegistrationDraft[];
          const counts = seatCounts(s, regs);
          expect(counts.registered).toBeLessThanOrEqual(capacity);
          // Nobody waits while a seat is free.
          if (counts.waitlisted > 0) expect(counts.registered).toBe(capacity);
          // One live registration per person.
          const live = regs.filter((r) => r.status !== 'cancelled').map((r) => (r.attendee.kind === 'person' ? r.attendee.personId : r.id));
          expect(new Set(live).size).toBe(live.length);
        }
      }),
      { numRuns: 200 },
    );
  });
});
