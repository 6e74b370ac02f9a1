import type { Writable } from 'node:stream';

export class AbortedError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'AbortedError';
  }
}

/**
 * Whether a writable has asked its writer to wait. Also understands the
 * `readable-stream` package's streams (ExcelJS and archiver use it), which
 * lack Node's `writableNeedDrain` getter but keep the same state.
 */
export function needsDrain(stream: Writable): boolean {
  if (typeof stream.writableNeedDrain === 'boolean') return stream.writableNeedDrain;
  return (stream as unknown as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain === true;
}

/** Resolves once the stream wants more data; rejects if it fails, closes, or the operation is cancelled meanwhile. */
export function waitForDrain(stream: Writable, signal?: AbortSignal): Promise<void> {
  if (!needsDrain(stream)) return Promise.resolve();
  if (signal?.aborted) return Promise.reject(new AbortedError());
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onError = (e: unknown) => {
      cleanup();
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const onClose = () => {
      cleanup();
      reject(new Error('The output closed unexpectedly'));
    };
    const onAbort = () => {
      cleanup();
      reject(new AbortedError());
    };
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new AbortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
