import type { ErrorCode } from '../../../shared/result';

/** A problem with the file as a whole: the import stops and reports it instead of listing rows. */
export class ImportFileError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export const DEFAULT_MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_IMPORT_ROWS = 250_000;

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
