import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@tongxin/launcher';

/**
 * The admin site's answers as a browser receives them: a Content-Security-Policy with a per-answer nonce and no
 * framing, the session in an HTTP-only SameSite cookie that page scripts never see, and form posts from other
 * sites refused. Plain HTTP requests against the built site; no browser needed.
 */
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ apps: ['api', 'admin'] });
});
afterAll(async () => {
  await platform?.stop();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('admin site security headers and sign-in cookie', () => {
  it('sends a CSP with a fresh nonce, no framing and no sniffing', async () => {
    const [a, b] = await Promise.all([fetch(`${platform.adminUrl}/login`), fetch(`${platform.adminUrl}/login`)]);
    const csp = a.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    // a nonce is good for one answer only
    expect(b.headers.get('content-security-policy')).not.toBe(csp);
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    expect(a.headers.get('x-frame-options')).toBe('DENY');
  });

  it('refuses a sign-in form posted from another site', async () => {
    const res = await fetch(`${platform.adminUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: form({ username: 'hongkang-admin', password: 'tongxin-demo' }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('keeps the session in an HTTP-only, SameSite cookie and never in the page', async () => {
    const res = await fetch(`${platform.adminUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: platform.adminUrl },
      body: form({ username: 'hongkang-admin', password: 'tongxin-demo' }),
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^tx_session=txs_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = /^tx_session=([^;]+)/.exec(cookie)![1];
    const home = await fetch(`${platform.adminUrl}/`, { headers: { cookie: `tx_session=${token}` } });
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).not.toContain(token);
    expect(html).not.toMatch(/txs_[A-Za-z0-9_-]{10,}/);
    expect(home.headers.get('cache-control')).toContain('no-store');
  });
});
