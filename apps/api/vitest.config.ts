import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources (their "source" export condition), not to dist/.
  resolve: {
    conditions: ['source', 'module', 'browser', 'development|production'],
    // one graphql instance: type-graphql and Apollo load its CommonJS build, so our sources must too
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  // no 'module' here: vitest passes these to its worker processes as node --conditions, and with 'module' node's own
  // require picks bundler-only ESM builds (the AWS SDK's extension-less dist-es) that node cannot load
  ssr: { resolve: { conditions: ['source', 'node', 'development|production'] } },
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // each test file gets its own database cloned from a seeded template; two at a time suits 2 cores
    maxWorkers: 2,
    pool: 'forks',
  },
});
