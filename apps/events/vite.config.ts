import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // Workspace packages ship TypeScript sources: bundle them into the server build instead of importing them at runtime.
  ssr: { noExternal: ['@tongxin/ui'] },
});
