/**
 * One background job at a time: a call while the job runs asks for one more
 * pass when it ends, instead of starting a second copy beside it. A failure
 * goes to `onError` (unless the job was stopped) and leaves the next call to
 * try again. The background word refresher, the word packer and the v12 key
 * fill share it.
 */
export function oneAtATime(work: (signal: AbortSignal) => Promise<unknown>, signal: AbortSignal, onError?: (e: unknown) => void): () => Promise<void> {
  let running = false;
  let again = false;
  return async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await work(signal);
      } while (again && !signal.aborted);
    } catch (e) {
      if (!signal.aborted) onError?.(e);
    } finally {
      running = false;
    }
  };
}

/** When a chunked job stops, and what it does between chunks. */
export interface ChunkOptions {
  signal?: AbortSignal;
  /** Between chunks; the default yields to the event loop, so a screen's reads and a user's save get their turn. */
  pause?: () => Promise<void>;
}

/** The default pause between chunks: one turn of the event loop. */
export const yieldToEventLoop = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/**
 * Run `chunk` (a short transaction's worth of a background job, resolving to
 * whether the job is done) again and again, pausing between chunks, until it
 * is done or `signal` stops it. Resolves to whether it got done. The word
 * refresher, the word packer and the v12 key fill each run this way.
 */
export async function chunkByChunk(chunk: () => Promise<boolean>, { signal, pause = yieldToEventLoop }: ChunkOptions = {}): Promise<boolean> {
  while (!signal?.aborted) {
    if (await chunk()) return true;
    await pause();
  }
  return false;
}
