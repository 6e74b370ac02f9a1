import type { Page } from '@playwright/test';

/** Call `window.bench[name](...args)` on a benchmark page (bench/<suite>/page) and wait for its answer. */
type Api = Record<string, (...args: never[]) => Promise<unknown>>;
export const call = <T>(page: Page, name: string, ...args: unknown[]): Promise<T> =>
  page.evaluate(([n, a]) => ((window as unknown as { bench: Api }).bench[n as string] as (...x: unknown[]) => Promise<unknown>)(...(a as unknown[])), [name, args] as const) as Promise<T>;

/** A positive number option `--name N` of a suite. */
export function numberArg(args: readonly string[], name: string, dflt: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : dflt;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}
