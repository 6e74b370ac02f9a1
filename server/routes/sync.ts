import type { FastifyInstance } from 'fastify';
import { LIMITS, PullRequestSchema, PushRequestSchema, ROUTES, type PullResponse, type PushResponse } from '../../shared/sync/protocol';
import type { ServerContext } from '../app';
import { requireSession } from '../http/auth-hook';
import { ApiError } from '../http/errors';
import { parseBody } from '../http/validate';
import { dedupeBatch } from '../sync/batch';
import { pullPage } from '../sync/pull';
import { applyPush, resolveSessionDevice } from '../sync/push';

export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post(ROUTES.push, async (request): Promise<PushResponse> => {
    const session = await requireSession(ctx, request);
    const body = parseBody(PushRequestSchema, request.body, 'push');
    const device = await resolveSessionDevice(ctx.db, session, body.ops, ctx.now());
    // One answer per opId, decided before the batch is applied (sync/batch.ts).
    const batch = dedupeBatch(body.ops);
    const outcome =
      batch.ops.length === 0
        ? { applied: [], rejected: [], clamped: [] }
        : await applyPush(ctx.db, batch.ops, {
            user: session.user,
            aliases: session.aliases,
            deviceId: device.deviceId,
            deviceProblem: device.problem,
            now: ctx.now(),
            tables: ctx.tables,
            maxAheadMs: ctx.maxClockAheadMs,
            conflicts: ctx.conflicts,
            gate: ctx.pushGate,
            beforeCommit: ctx.beforePushCommit,
          });
    return { ...outcome, rejected: [...batch.rejected, ...outcome.rejected], serverTime: ctx.now() };
  });

  app.post(ROUTES.pull, async (request): Promise<PullResponse> => {
    await requireSession(ctx, request);
    const body = parseBody(PullRequestSchema, request.body, 'pull');
    const outcome = await pullPage(ctx.db, body.cursor, body.limit ?? LIMITS.defaultPullLimit, {
      tables: ctx.tables,
      // Stored before the rules refused it: not sent, and logged for `npm run server -- check-records`.
      onHeldBack: (held) => {
        for (const h of held) request.log.warn({ table: h.table, id: h.id, seq: h.seq, problems: h.problems }, 'held back a stored record that fails its schema');
      },
    }, body.tiered === true);
    if (!outcome.ok) throw new ApiError(outcome.error.code, outcome.error.message);
    return { ...outcome.value, serverTime: ctx.now() };
  });
}
