import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { ApiErrorCode } from '../../shared/sync/protocol';
import { compareAppVersions, parseAppVersion, VERSION_HEADERS, UPGRADE_MESSAGE, type AppVersion } from '../../shared/sync/version';
import { ApiError, classifyFrameworkError, sendError, STATUS } from './errors';

/**
 * The HTTP edges: answers that come before (or instead of) a route, all in
 * the protocol's error format `{error: {code, message}, serverTime}` with
 * `X-Server-Time`, so a client reads every refusal the same way.
 */

/** The JSON of an error answer. */
export const errorBody = (code: ApiErrorCode, message: string, serverTime: number): string => JSON.stringify({ error: { code, message }, serverTime });

/** Why Node's HTTP parser refused a request, as the protocol says it. */
export function clientErrorAnswer(errCode: string | undefined, reason: string | undefined): { status: number; code: ApiErrorCode; message: string } {
  if (errCode === 'HPE_HEADER_OVERFLOW') {
    return { status: STATUS.headers_too_large, code: 'headers_too_large', message: 'The request headers are too large' };
  }
  if (errCode === 'ERR_HTTP_REQUEST_TIMEOUT' || errCode === 'ERR_HTTP_HEADERS_TIMEOUT') {
    return { status: 408, code: 'invalid_request', message: 'The request did not arrive in time' };
  }
  const why = reason ? `: ${reason.replace(/[^\x20-\x7e]/g, '?').slice(0, 120)}` : '';
  return { status: STATUS.invalid_request, code: 'invalid_request', message: `The request is not valid HTTP${why}` };
}

/**
 * Fastify's clientErrorHandler: Node's HTTP parser refused the bytes (a bad
 * header, headers over the size limit, a broken request line), so no route
 * runs; the answer is written to the socket by hand, then the connection closes.
 */
export function makeClientErrorHandler(now: () => number) {
  return function clientErrorHandler(this: FastifyInstance, err: Error & { code?: string; reason?: string }, socket: Duplex): void {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const answer = clientErrorAnswer(err.code, err.reason);
    const serverTime = now();
    const body = errorBody(answer.code, answer.message, serverTime);
    this.log.debug({ err }, 'refused a request Node could not parse');
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${answer.status} ${answer.status === 431 ? 'Request Header Fields Too Large' : answer.status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n` +
          'Content-Type: application/json; charset=utf-8\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          `X-Server-Time: ${serverTime}\r\n` +
          'Cache-Control: no-store\r\n' +
          'Access-Control-Allow-Origin: *\r\n' +
          'Access-Control-Expose-Headers: x-server-time, retry-after\r\n' +
          'Connection: close\r\n\r\n' +
          body,
      );
    }
    socket.destroy();
  };
}

/** Fastify's frameworkErrors: an address the router cannot even decode. */
export function makeFrameworkErrors(now: () => number) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void => {
    const mapped = classifyFrameworkError(error) ?? { code: 'invalid_request' as const, message: 'Bad request' };
    const serverTime = now();
    reply.header('x-server-time', String(serverTime));
    reply.header('cache-control', 'no-store');
    void sendError(reply, serverTime, mapped.code, mapped.message);
  };
}

const METHODS: readonly HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/** The methods a path is served with (for 405 and its Allow header); [] for an unknown path. */
export function allowedMethods(app: FastifyInstance, url: string): HTTPMethods[] {
  const path = url.split('?')[0] ?? url;
  return METHODS.filter((method) => app.hasRoute({ method, url: path }));
}

/** The not-found handler: 405 with Allow for a known path asked with another method, else 404. */
export function makeNotFoundHandler(app: FastifyInstance, now: () => number) {
  return (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const path = request.url.split('?')[0] ?? request.url;
    const allow = allowedMethods(app, path);
    if (allow.length > 0) {
      reply.header('allow', allow.join(', '));
      return sendError(reply, now(), 'method_not_allowed', `${path} takes ${allow.filter((m) => m !== 'HEAD').join(' or ')}, not ${request.method}`);
    }
    return sendError(reply, now(), 'not_found', `No route ${request.method} ${path}`);
  };
}

// ---------------------------------------------------------------------------
// Versions

export interface VersionPolicy {
  /** Oldest protocol version this server still serves. */
  minProtocol: number;
  /** Oldest app version allowed to sync, or undefined for any (and a request without X-FieldDesk-Version). */
  minAppVersion?: AppVersion;
}

const headerText = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v.join(',') : v);

/**
 * Whether a client may talk to this server: null when it may, else the error
 * to answer. Malformed version headers are a 400; a client too old is a 426
 * whose message tells the user to update and that nothing was lost.
 */
export function checkClientVersion(headers: Record<string, string | string[] | undefined>, policy: VersionPolicy): ApiError | null {
  const protocolText = headerText(headers[VERSION_HEADERS.protocol]);
  if (protocolText !== undefined) {
    if (!/^[1-9][0-9]{0,3}$/.test(protocolText.trim())) return new ApiError('invalid_request', 'X-FieldDesk-Protocol must be a whole number such as 1');
    if (Number(protocolText) < policy.minProtocol) return new ApiError('upgrade_required', UPGRADE_MESSAGE);
  }
  const versionText = headerText(headers[VERSION_HEADERS.version]);
  const version = versionText === undefined ? undefined : parseAppVersion(versionText);
  if (version === null) return new ApiError('invalid_request', 'X-FieldDesk-Version must be a version such as 1.4.2');
  if (policy.minAppVersion && (version === undefined || compareAppVersions(version, policy.minAppVersion) < 0)) {
    return new ApiError('upgrade_required', UPGRADE_MESSAGE);
  }
  return null;
}

/** Every /v1/ route checks the client's version before anything else (body, token); /health does not. */
export function registerVersionGate(app: FastifyInstance, policy: VersionPolicy): void {
  app.addHook('onRequest', async (request) => {
    if (request.method === 'OPTIONS' || !request.url.startsWith('/v1/')) return;
    const refusal = checkClientVersion(request.headers, policy);
    if (refusal) throw refusal;
  });
}
