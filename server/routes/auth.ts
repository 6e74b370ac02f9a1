import type { FastifyInstance } from 'fastify';
import { ROUTES, SignInRequestSchema, type MeResponse, type SignInResponse } from '../../shared/sync/protocol';
import type { ServerContext } from '../app';
import { decoyHash, verifyPassword } from '../auth/passwords';
import { accountKey, countAttempt, forgiveAttempt, ipKey } from '../auth/rate-limit';
import { claimDevice, claimPersonAlias, deviceTakenMessage } from '../auth/devices';
import { createSession, revokeSession } from '../auth/sessions';
import { findUserByEmail } from '../auth/users';
import { requireSession } from '../http/auth-hook';
import { ApiError } from '../http/errors';
import { parseBody } from '../http/validate';

const WRONG = 'Wrong email or password';

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post(ROUTES.signIn, async (request): Promise<SignInResponse> => {
    const { email, password, deviceId, localPersonId } = parseBody(SignInRequestSchema, request.body, 'sign-in');
    const now = ctx.now();
    const account = accountKey(request.ip, email);
    const ip = ipKey(request.ip);
    const wait = Math.max(
      await countAttempt(ctx.db, account, ctx.signInLimits.perAccount, now),
      await countAttempt(ctx.db, ip, ctx.signInLimits.perIp, now),
    );
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new ApiError('rate_limited', `Too many sign-in attempts; try again in ${seconds} s`, undefined, { 'retry-after': String(seconds) });
    }
    const user = await findUserByEmail(ctx.db, email);
    const good = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !good) throw new ApiError('unauthorized', WRONG);
    if (user.disabled) throw new ApiError('unauthorized', 'This account is disabled; ask an administrator');
    await forgiveAttempt(ctx.db, account, ip);
    if (deviceId !== undefined) {
      const claim = await claimDevice(ctx.db, deviceId, user.id, now);
      if (claim !== 'ok') throw new ApiError('forbidden', claim === 'reserved' ? `The device id ${deviceId} is reserved by the server; take another` : deviceTakenMessage(deviceId));
    }
    if (localPersonId !== undefined) await claimPersonAlias(ctx.db, localPersonId, user.id, deviceId ?? null, now);
    const session = await createSession(ctx.db, user.id, now, ctx.sessionTtlMs, deviceId ?? null);
    return {
      token: session.token,
      expiresAt: session.expiresAt,
      user: { id: user.id, email: user.email, name: user.name, role: user.role, personId: user.personId },
      serverTime: ctx.now(),
    };
  });

  app.post(ROUTES.signOut, async (request) => {
    const session = await requireSession(ctx, request);
    await revokeSession(ctx.db, session.tokenHash, ctx.now());
    return { signedOut: true, serverTime: ctx.now() };
  });

  app.get(ROUTES.me, async (request): Promise<MeResponse> => {
    const session = await requireSession(ctx, request);
    return { user: session.user, expiresAt: session.expiresAt, serverTime: ctx.now() };
  });
}
