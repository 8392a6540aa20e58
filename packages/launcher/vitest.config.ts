import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // A cold PostgreSQL start (initdb + start) takes a few seconds; leave room on slow machines.
    hookTimeout: 120_000,
    testTimeout: 120_000,
  },
});
