import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // each test file gets its own database cloned from a seeded template; two at a time suits 2 cores
    maxWorkers: 2,
    pool: 'forks',
  },
});
