import type { BrokenSetting } from './plan.mjs';

type Env = Record<string, string | undefined>;
export declare function onPath(name: string, env: Env): string | null;
export declare function isDebianLike(env: Env): boolean;
export declare function probeSystem(env: Env): { found: Record<string, string>; missing: string[]; broken: BrokenSetting[] };
