// `npm run bench -- <suite> [options]`: run bench/<suite>/index.ts and write
// bench/results/<suite>.json, a list of
//   { name, value, unit, baseline, baseline_value, ratio, target }.
// Each suite measures its figures against a baseline in the same run (this
// machine is shared and noisy) and reports medians of several runs.
import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const [suite, ...args] = process.argv.slice(2);
const suites = readdirSync(path.join(root, 'bench'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(root, 'bench', d.name, 'index.ts')))
  .map((d) => d.name);
if (!suite || !suites.includes(suite)) {
  console.error(`Usage: npm run bench -- <suite>   (suites: ${suites.join(', ') || 'none yet'})`);
  process.exit(2);
}

const { createServer } = await import('vite');
// Vite runs the TypeScript suite in Node directly; suites that need Chromium launch it themselves.
const vite = await createServer({ configFile: false, root, logLevel: 'error', server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom' });
let results;
try {
  const mod = await vite.ssrLoadModule(`/bench/${suite}/index.ts`);
  results = await mod.run(args);
} finally {
  await vite.close();
}
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
const out = path.join(root, 'bench/results', `${suite}.json`);
writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
console.table(results.map((r) => ({ name: r.name, value: `${r.value} ${r.unit}`, baseline: `${r.baseline_value} (${r.baseline})`, ratio: r.ratio, target: r.target })));
console.log(`wrote ${path.relative(root, out)}`);
