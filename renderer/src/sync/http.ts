import type { z } from 'zod';
import { ApiErrorMessageSchema, PROTOCOL_VERSION } from '../../../shared/sync/protocol';
import { APP_VERSION, UPGRADE_MESSAGE, VERSION_HEADERS } from '../../../shared/sync/version';

/**
 * Why a request to the sync server did not give the expected answer, sorted
 * by what the engine does about it.
 */
export type SyncFailureKind =
  /** No answer at all (offline, refused, timed out, CORS): retry with backoff. */
  | 'network'
  /** 401: sign in again. The outbox is kept whatever happens. */
  | 'unauthorized'
  /** 413: the batch is too big; send fewer ops. */
  | 'too_large'
  /** 429: wait `retryAfterMs`. */
  | 'rate_limited'
  /** 426: this app is older than the server accepts; the user must update FieldDesk. The outbox is kept. */
  | 'upgrade_required'
  /** 5xx: the server or its database is down; retry with backoff. */
  | 'server'
  /** Any other 4xx, or an answer that does not match the protocol: a bug here or there. */
  | 'protocol';

export interface SyncFailure {
  kind: SyncFailureKind;
  status: number;
  message: string;
  retryAfterMs?: number;
}

export type HttpOutcome<T> = { ok: true; value: T } | { ok: false; error: SyncFailure };

export interface HttpOptions {
  baseUrl: string;
  fetch: typeof fetch;
  /** Called with the server time of every answer (errors too) and the local time it corresponds to. */
  onServerTime?: (serverTime: number, localMidpoint: number) => void;
  /** Local wall clock (the one the device clock is anchored against). */
  localNow: () => number;
  timeoutMs?: number;
}

const fail = (kind: SyncFailureKind, status: number, message: string, retryAfterMs?: number): HttpOutcome<never> => ({
  ok: false,
  error: retryAfterMs === undefined ? { kind, status, message } : { kind, status, message, retryAfterMs },
});

function kindOf(status: number): SyncFailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 413) return 'too_large';
  if (status === 429) return 'rate_limited';
  if (status === 426) return 'upgrade_required';
  if (status >= 500) return 'server';
  return 'protocol';
}

/** One JSON request to the sync server, its answer checked against the protocol schema. */
export async function requestJson<S extends z.ZodType>(
  options: HttpOptions,
  method: 'GET' | 'POST',
  route: string,
  schema: S,
  { body, token }: { body?: unknown; token?: string } = {},
): Promise<HttpOutcome<z.output<S>>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 30_000);
  const sentAt = options.localNow();
  let res: Response;
  let text: string;
  try {
    // Every request says which FieldDesk sends it, so a server can tell an app too old for it (426).
    const headers: Record<string, string> = { [VERSION_HEADERS.protocol]: String(PROTOCOL_VERSION), [VERSION_HEADERS.version]: APP_VERSION };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    res = await options.fetch(`${options.baseUrl.replace(/\/+$/, '')}${route}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
      cache: 'no-store',
    });
    text = await res.text();
  } catch (e) {
    const aborted = controller.signal.aborted;
    return fail('network', 0, aborted ? 'no answer in time' : e instanceof Error ? e.message : String(e));
  } finally {
    clearTimeout(timer);
  }
  const midpoint = Math.round((sentAt + options.localNow()) / 2);
  const headerTime = Number(res.headers.get('x-server-time'));
  if (Number.isFinite(headerTime) && headerTime > 0) options.onServerTime?.(headerTime, midpoint);

  let json: unknown;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    // A captive portal or a proxy error page: not our server talking.
    return fail(res.status >= 500 || res.ok ? 'network' : kindOf(res.status), res.status, `The server answered with something other than JSON (HTTP ${res.status})`);
  }
  if (!res.ok) {
    const parsed = ApiErrorMessageSchema.safeParse(json);
    const message = res.status === 426 ? UPGRADE_MESSAGE : parsed.success ? parsed.data.error.message : `HTTP ${res.status}`;
    const retryAfter = Number(res.headers.get('retry-after'));
    return fail(kindOf(res.status), res.status, message, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return fail('protocol', res.status, `The server's answer to ${route} does not follow the sync protocol`);
  return { ok: true, value: parsed.data };
}
