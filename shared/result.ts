/**
 * The one result shape that crosses every boundary (IPC, HTTP, repositories):
 * callers branch on `ok` instead of catching, so an error is part of the type.
 */
export type ErrorCode =
  | 'invalid_request'
  | 'unknown_channel'
  | 'forbidden_sender'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'cancelled'
  | 'unavailable'
  | 'unauthorized'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Field-level messages, keyed by a dotted path such as `requester.email`. */
  fields?: Record<string, string>;
}

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: AppError };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, fields?: Record<string, string>): Err => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});
