// Types for plan.mjs (plain JavaScript, so `npm test` can run it before anything is built).
export interface Requirement {
  id: 'chromium' | 'pdftotext' | 'initdb' | 'xvfb-run';
  what: string;
  pkg: string;
  why: string;
}
export declare const REQUIREMENTS: readonly Requirement[];

export interface BrokenSetting {
  env: string;
  value: string;
  id: Requirement['id'];
}

export type SystemCheckPlan =
  | { action: 'ok' }
  | { action: 'install'; packages: string[]; commands: string[][]; env: Record<string, string> }
  | { action: 'stop'; lines: string[]; packages?: string[] };

export declare function planSystemCheck(input: { missing: readonly string[]; broken?: readonly BrokenSetting[]; isRoot: boolean; isDebian: boolean }): SystemCheckPlan;

export type StartPlan = { action: 'electron' } | { action: 'browser'; headless: boolean } | { action: 'stop'; lines: string[] };

export declare function planStart(input: { electron: boolean; chromium: boolean; display: boolean; headless: boolean; xvfbRun: boolean; isDebian: boolean; isRoot?: boolean }): StartPlan;
