import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Unit tests run in Node by default; React component tests opt into jsdom with a
// `// @vitest-environment jsdom` line at the top of the file.
export default defineConfig({
  plugins: [react()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/integration/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
