import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@tongxin/launcher';

/**
 * The public site's answers: a hash-based Content-Security-Policy (pages are shared from a cache, so no nonce
 * may be in them), no framing, no sniffing; form posts from other sites refused.
 */
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ apps: ['api', 'events'] });
});
afterAll(async () => {
  await platform?.stop();
});

describe('events site security headers', () => {
  it('sends the same hash-based CSP to every visitor, with no framing', async () => {
    const [a, b] = await Promise.all([fetch(`${platform.eventsUrl}/`), fetch(`${platform.eventsUrl}/report`)]);
    for (const res of [a, b]) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('nonce-');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('refuses a report form posted from another site', async () => {
    const res = await fetch(`${platform.eventsUrl}/report`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ description: '路灯坏了' }).toString(),
    });
    expect(res.status).toBe(403);
  });
});
