import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    // Content-Security-Policy: scripts only from this site (SvelteKit adds a nonce to its own inline start-up
    // script); no framing; forms post only here. Inline style attributes stay allowed (Svelte's style: bindings).
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:', 'https:'],
        'font-src': ['self', 'data:'],
        // recordings: served by this site (/media) and previewed from the browser's own recorder
        'media-src': ['self', 'blob:'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
    // SvelteKit refuses cross-site form posts (Origin must match): keep it on
    csrf: { checkOrigin: true },
  },
};

export default config;
