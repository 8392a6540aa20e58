import { defineConfig } from 'vitest/config';
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from './paraglide.config.js';

// The compiled messages (src/lib/paraglide) once per run; the Vite plugin's watcher would keep vitest from exiting.
await compile(paraglideOptions);

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources (their "source" export condition), not to dist/.
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['src/**/*.test.ts'],
    // Browser tests start PostgreSQL, the API and the built admin site: cold starts need room.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // The built sites run from one address here (127.0.0.1): the API's per-address limits and sign-in throttling
    // would count every test as one visitor. The API's own tests cover those limits (apps/api/src/app/trust.test.ts).
    env: { RATE_LIMITS: 'false' },
  },
});
