import { describe, expect, it } from 'vitest';
import { SyncSessionSchema } from '../../../../shared/ipc/channels/sync';
import { signIn } from '../../../../renderer/src/sync/session';

describe('signIn', () => {
  const answer = { token: 't'.repeat(43), expiresAt: 2, user: { id: 'u1', email: 'a@b.gov', name: 'A', role: 'technician', personId: 'p1' }, serverTime: 1 };
  const capture = () => {
    const bodies: unknown[] = [];
    const fetchImpl = (async (_url: string, init?: RequestInit) => {
      bodies.push(JSON.parse(String(init?.body)));
      return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    return { bodies, fetchImpl };
  };

  it('tells the server this device and the person it recorded as its user, and keeps the account’s personId', async () => {
    const { bodies, fetchImpl } = capture();
    const res = await signIn('http://server.test', 'a@b.gov', 'pw', fetchImpl, () => 1, { deviceId: 'dev-1', localPersonId: 'local-p' });
    expect(bodies[0]).toEqual({ email: 'a@b.gov', password: 'pw', deviceId: 'dev-1', localPersonId: 'local-p' });
    expect(res.ok && res.value.user.personId).toBe('p1');
    // Main keeps the session through the IPC contract, which must take the personId too.
    expect(SyncSessionSchema.safeParse(res.ok ? res.value : null).success).toBe(true);
  });

  it('sends neither when not given', async () => {
    const { bodies, fetchImpl } = capture();
    await signIn('http://server.test', 'a@b.gov', 'pw', fetchImpl);
    expect(bodies[0]).toEqual({ email: 'a@b.gov', password: 'pw' });
  });
});
