import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { paraglide } from './paraglide.config.js';

export default defineConfig({
  plugins: [paraglide, sveltekit()],
  // Workspace packages resolve to their TypeScript sources (their "source" export condition), not to dist/.
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  // Workspace packages ship TypeScript sources: bundle them into the server build instead of importing them at runtime.
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] }, noExternal: ['@tongxin/graphql-client', '@tongxin/ui'] },
});
