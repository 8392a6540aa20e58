/**
 * Headers both sites send on every answer, beside the Content-Security-Policy SvelteKit writes from
 * svelte.config.js: no MIME sniffing, no powerful browser features, and in production HTTPS only (HSTS).
 */
export function securityHeaders(headers: Headers, production = nodeEnv() === 'production'): void {
  headers.set('x-content-type-options', 'nosniff');
  headers.set('x-frame-options', 'DENY');
  headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  headers.set('cross-origin-opener-policy', 'same-origin');
  if (production) headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
}

function nodeEnv(): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.NODE_ENV;
}
