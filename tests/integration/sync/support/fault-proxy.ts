import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Probabilities of each fault, per request (0–1). */
export interface FaultRates {
  dropRequest: number;
  dropResponse: number;
  duplicate: number;
  /** Re-send an older request later (a stale replay: reordering across time). */
  replayOld: number;
  maxDelayMs: number;
}

export const NO_FAULTS: FaultRates = { dropRequest: 0, dropResponse: 0, duplicate: 0, replayOld: 0, maxDelayMs: 0 };

export interface FaultProxy {
  url: string;
  rates: FaultRates;
  stats: Record<'requests' | 'droppedRequests' | 'droppedResponses' | 'duplicates' | 'replays', number>;
  /** Wait for late duplicates and replays to land, and forget old requests (between independent runs). */
  quiesce(): Promise<void>;
  close(): Promise<void>;
}

interface Captured {
  method: string;
  path: string;
  headers: http.OutgoingHttpHeaders;
  body: Buffer;
}

/** Deterministic PRNG (mulberry32), so a failing seed can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function forward(target: string, req: Captured): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const url = new URL(req.path, target);
    const out = http.request(url, { method: req.method, headers: { ...req.headers, host: url.host }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(req.body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A loopback HTTP proxy in front of the sync server that misbehaves like a bad
 * network: it loses requests before they arrive, loses answers after the
 * server acted, delivers requests twice, replays old ones later, and delays
 * everything by random amounts (so requests from several devices reorder).
 * Only 127.0.0.1, on both sides.
 */
export async function startFaultProxy(target: () => string, random: () => number, rates: FaultRates = NO_FAULTS): Promise<FaultProxy> {
  const history: Captured[] = [];
  const stats: FaultProxy['stats'] = { requests: 0, droppedRequests: 0, droppedResponses: 0, duplicates: 0, replays: 0 };
  const background = new Set<Promise<unknown>>();
  const later = (p: Promise<unknown>) => {
    const tracked = p.catch(() => undefined).finally(() => background.delete(tracked));
    background.add(tracked);
  };
  const proxy: FaultProxy = {
    url: '',
    rates,
    stats,
    async quiesce() {
      await Promise.all(background);
      history.length = 0;
    },
    async close() {
      await Promise.all(background);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        stats.requests += 1;
        const r = proxy.rates;
        const headers = { ...req.headers };
        delete headers.connection;
        delete headers['keep-alive'];
        const captured: Captured = { method: req.method ?? 'GET', path: req.url ?? '/', headers, body: Buffer.concat(chunks) };
        if (r.maxDelayMs > 0) await sleep(Math.floor(random() * r.maxDelayMs));
        if (random() < r.dropRequest) {
          stats.droppedRequests += 1;
          req.socket.destroy();
          return;
        }
        if (captured.path.includes('/sync/')) history.push(captured);
        if (random() < r.duplicate) {
          stats.duplicates += 1;
          later(sleep(Math.floor(random() * 30)).then(() => forward(target(), captured)));
        }
        if (history.length > 1 && random() < r.replayOld) {
          stats.replays += 1;
          const old = history[Math.floor(random() * (history.length - 1))] as Captured;
          later(forward(target(), old));
        }
        let answer;
        try {
          answer = await forward(target(), captured);
        } catch {
          req.socket.destroy(); // the server went away mid-request: so does our answer
          return;
        }
        if (random() < r.dropResponse) {
          stats.droppedResponses += 1;
          req.socket.destroy();
          return;
        }
        const out = { ...answer.headers };
        delete out['transfer-encoding'];
        delete out.connection;
        res.writeHead(answer.status, { ...out, 'content-length': String(answer.body.length) });
        res.end(answer.body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
