import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources (their "source" export condition), not to dist/.
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['src/**/*.test.ts'],
    // A cold PostgreSQL start (initdb + start) takes a few seconds; leave room on slow machines.
    hookTimeout: 120_000,
    testTimeout: 120_000,
  },
});
