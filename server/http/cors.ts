import type { FastifyInstance } from 'fastify';

/**
 * Cross-origin access for the desktop app. Its pages come from `app://fielddesk`
 * (or a loopback origin in the test host), never from the server's origin, so
 * the browser only lets the renderer read answers that allow it.
 *
 * Any origin is allowed because nothing here rides on ambient credentials:
 * there are no cookies, every authenticated route needs an explicit
 * `Authorization: Bearer` header, and `Access-Control-Allow-Credentials` is
 * never sent. A page elsewhere gains nothing it could not do with curl.
 */
export function registerCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.headers.origin) return;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'x-server-time, retry-after');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      // A preflight: answered here, before routing, body parsing or auth.
      reply.header('access-control-allow-methods', 'GET, POST');
      reply.header('access-control-allow-headers', 'authorization, content-type, x-fielddesk-protocol, x-fielddesk-version');
      reply.header('access-control-max-age', '600');
      return reply.code(204).send();
    }
  });
}
