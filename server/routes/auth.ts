import type { FastifyInstance } from 'fastify';
import { ROUTES, SignInRequestSchema, type MeResponse, type SignInResponse } from '../../shared/sync/protocol';
import type { ServerContext } from '../app';
import { decoyHash, verifyPassword } from '../auth/passwords';
import { accountKey, countAttempt, forgiveAttempt, ipKey, userKey } from '../auth/rate-limit';
import { claimDevice, claimPersonAlias, deviceTakenMessage } from '../auth/devices';
import { createSession, revokeSession } from '../auth/sessions';
import { findUserByEmail } from '../auth/users';
import { requireSession } from '../http/auth-hook';
import { ApiError } from '../http/errors';
import { parseBody } from '../http/validate';

/**
 * The one answer to every failed sign-in: an unknown email, a wrong password,
 * and any password for a disabled account. Telling a disabled account apart
 * would confirm to whoever typed it that the password was right (and that
 * the account exists).
 */
export const SIGN_IN_REFUSED = 'Wrong email or password, or the account is disabled (an administrator can tell you which)';

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post(ROUTES.signIn, async (request): Promise<SignInResponse> => {
    const { email, password, deviceId, localPersonId } = parseBody(SignInRequestSchema, request.body, 'sign-in');
    const now = ctx.now();
    const account = accountKey(request.ip, email);
    const ip = ipKey(request.ip);
    const perUser = ctx.signInLimits.perUser;
    const user = perUser ? userKey(email) : undefined;
    const wait = Math.max(
      await countAttempt(ctx.db, account, ctx.signInLimits.perAccount, now),
      await countAttempt(ctx.db, ip, ctx.signInLimits.perIp, now),
      perUser && user ? await countAttempt(ctx.db, user, perUser, now) : 0,
    );
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      request.log.warn({ email, ip: request.ip, retryAfter: seconds }, 'sign-in attempts over the limit');
      throw new ApiError('rate_limited', `Too many sign-in attempts; try again in ${seconds} s`, undefined, { 'retry-after': String(seconds) });
    }
    const found = await findUserByEmail(ctx.db, email);
    // The hash is always checked, so a disabled or unknown account answers in the same time too.
    const good = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()));
    if (!found || !good || found.disabled) {
      request.log.info({ email, ip: request.ip, why: !found ? 'unknown account' : !good ? 'wrong password' : 'disabled account' }, 'sign-in refused');
      throw new ApiError('unauthorized', SIGN_IN_REFUSED);
    }
    await forgiveAttempt(ctx.db, account, ip, user);
    if (deviceId !== undefined) {
      const claim = await claimDevice(ctx.db, deviceId, found.id, now);
      if (claim !== 'ok') throw new ApiError('forbidden', claim === 'reserved' ? `The device id ${deviceId} is reserved by the server; take another` : deviceTakenMessage(deviceId));
    }
    if (localPersonId !== undefined) await claimPersonAlias(ctx.db, localPersonId, found.id, deviceId ?? null, now);
    const session = await createSession(ctx.db, found.id, now, ctx.sessionTtlMs, deviceId ?? null);
    return {
      token: session.token,
      expiresAt: session.expiresAt,
      user: { id: found.id, email: found.email, name: found.name, role: found.role, personId: found.personId },
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
