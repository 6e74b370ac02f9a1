import type { FastifyReply } from 'fastify';
import type { ApiErrorCode } from '../../shared/sync/protocol';

export const STATUS: Record<ApiErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  too_large: 413,
  unsupported_media_type: 415,
  method_not_allowed: 405,
  headers_too_large: 431,
  upgrade_required: 426,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** Thrown inside handlers to answer with a chosen error; the error handler turns it into JSON. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function sendError(reply: FastifyReply, serverTime: number, code: ApiErrorCode, message: string, fields?: Record<string, string>): FastifyReply {
  return reply.code(STATUS[code]).send({ error: fields ? { code, message, fields } : { code, message }, serverTime });
}

/** Map what Fastify itself throws (body parsing, limits) to the protocol's codes. */
export function classifyFrameworkError(e: { code?: string; statusCode?: number; message?: string }): { code: ApiErrorCode; message: string } | null {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'too_large', message: 'Request body is too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'unsupported_media_type', message: 'Send the body as application/json' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'invalid_request', message: 'The JSON body is empty' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'invalid_request', message: 'The body is not valid JSON' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'invalid_request', message: 'Content-Length does not match the body' };
    case 'FST_ERR_BAD_URL':
      return { code: 'invalid_request', message: 'The address is not valid (bad percent-encoding)' };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { code: 'invalid_request', message: 'The address is too long' };
  }
  if (e instanceof SyntaxError) return { code: 'invalid_request', message: `The body is not valid JSON: ${e.message}` };
  const status = e.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const byStatus: Partial<Record<number, ApiErrorCode>> = {
      401: 'unauthorized',
      403: 'forbidden',
      404: 'not_found',
      405: 'method_not_allowed',
      413: 'too_large',
      415: 'unsupported_media_type',
      426: 'upgrade_required',
      429: 'rate_limited',
      431: 'headers_too_large',
    };
    return { code: byStatus[status] ?? 'invalid_request', message: e.message || 'Bad request' };
  }
  return null;
}
