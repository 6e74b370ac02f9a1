// Bundles the server (and the shared/ code it imports) into out/server/cli.js.
// Packages stay external and load from node_modules at run time, so a deploy
// needs only `npm ci --omit=dev` plus this one file. Vite (a devDependency)
// is only needed to build.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: 'server/cli.ts',
    outDir: 'out/server',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rolldownOptions: { output: { format: 'es', entryFileNames: 'cli.js' } },
  },
});
