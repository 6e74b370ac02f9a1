import type { FastifyInstance } from 'fastify';
import { PROTOCOL_VERSION, ROUTES } from '../../shared/sync/protocol';
import type { ServerContext } from '../app';
import { ApiError } from '../http/errors';

/** For load balancers: 200 only when this instance can reach the database. */
export function registerHealthRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.get(ROUTES.health, async () => {
    try {
      await ctx.db.query('SELECT 1');
    } catch (_e) {
      throw new ApiError('unavailable', 'Database unreachable');
    }
    return { status: 'ok', protocol: PROTOCOL_VERSION, serverTime: ctx.now() };
  });
}
