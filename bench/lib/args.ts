import type { Page } from '@playwright/test';

/** `--name N` from a suite's arguments: a positive number (or zero, where `zero` allows it), or `dflt`. */
export function numberArg(args: readonly string[], name: string, dflt: number, { zero = false }: { zero?: boolean } = {}): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : dflt;
  if (!Number.isFinite(v) || v < 0 || (v === 0 && !zero)) throw new Error(`--${name} must be a positive number${zero ? ' or 0' : ''}`);
  return v;
}

type Api = Record<string, (...args: never[]) => Promise<unknown>>;

/** Call `window.bench[name](...args)` in a benchmark page and wait for its answer. */
export const callPage = <T>(page: Page, name: string, ...args: unknown[]): Promise<T> =>
  page.evaluate(([n, a]) => ((window as unknown as { bench: Api }).bench[n as string] as (...x: unknown[]) => Promise<unknown>)(...(a as unknown[])), [name, args] as const) as Promise<T>;
