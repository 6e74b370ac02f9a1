import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../app';
import { findSession, type Session } from '../auth/sessions';
import { bearerToken } from '../auth/tokens';
import { ApiError } from './errors';

/** The signed-in session for a request, or a 401 the client can tell apart from being offline. */
export async function requireSession(ctx: ServerContext, request: FastifyRequest): Promise<Session> {
  const token = bearerToken(request.headers.authorization);
  if (!token) throw new ApiError('unauthorized', 'Sign in first: send Authorization: Bearer <token>');
  const session = await findSession(ctx.db, token, ctx.now());
  if (!session) throw new ApiError('unauthorized', 'The session has expired or was revoked; sign in again');
  return session;
}
