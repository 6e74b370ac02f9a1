/**
 * One background job at a time: a call while the job runs asks for one more
 * pass when it ends, instead of starting a second copy beside it. A failure
 * goes to `onError` (unless the job was stopped) and leaves the next call to
 * try again. The background word refresher and word packer share it.
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
