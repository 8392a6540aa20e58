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
    // Content-Security-Policy by hashes, not nonces: rendered pages are shared from a cache (hooks.server.ts), and
    // a nonce served to two visitors is no nonce. No framing; forms post only here.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'https:'],
        'font-src': ['self', 'data:'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
    csrf: { checkOrigin: true },
  },
};

export default config;
