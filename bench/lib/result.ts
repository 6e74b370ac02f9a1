/** One benchmark figure, compared with a baseline measured in the same run. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baseline_value: number;
  ratio: number;
  target: string;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export function result(name: string, value: number, unit: string, baseline: string, baselineValue: number, target: string): BenchResult {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { name, value: round(value), unit, baseline, baseline_value: round(baselineValue), ratio: round(baselineValue === 0 ? 0 : value / baselineValue), target };
}
