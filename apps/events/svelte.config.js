import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter(),
    // Pages ship no JavaScript; inlining the small stylesheet saves a round trip on slow phone connections.
    inlineStyleThreshold: 32_000,
  },
};

export default config;
