import { createWriteStream, type WriteStream } from 'node:fs';

/**
 * Opens a new file for writing and waits until it is really open, so that a
 * folder without write permission is reported when the export starts, not
 * after the person has waited for the rows. `wx`: the temporary name is ours alone.
 *
 * The stream comes with an 'error' listener: its failures are read through
 * `errored` (assertWritable, endOutput). Without one, destroying it while a
 * write is still in flight (a cancelled export) emits ERR_STREAM_DESTROYED as
 * an uncaught error, which would take the main process down.
 */
export function openOutput(path: string): Promise<WriteStream> {
  return new Promise((resolve, reject) => {
    const stream = createWriteStream(path, { flags: 'wx' });
    const onError = (e: Error) => {
      stream.off('ready', onReady);
      reject(e);
    };
    const onReady = () => {
      stream.off('error', onError);
      stream.on('error', () => undefined);
      resolve(stream);
    };
    stream.once('error', onError);
    stream.once('ready', onReady);
  });
}

/**
 * A failed write (disk full, drive removed) destroys the stream; later writes
 * would then vanish without an error, so each step checks first.
 */
export function assertWritable(stream: WriteStream): void {
  if (stream.errored) throw stream.errored;
  if (stream.destroyed || stream.writableEnded) throw new Error('The output file was closed before the export finished');
}

/** Ends the stream and waits until its data is handed to the OS and the file closed. */
export function endOutput(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.errored) return reject(stream.errored);
    if (stream.closed) return resolve();
    stream.once('error', reject);
    stream.once('close', () => resolve());
    stream.end();
  });
}
