import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'tx_session';

/** Keep the session token where page scripts cannot read it. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: string | null | undefined): void {
  const expires = expiresAt ? new Date(expiresAt) : undefined;
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // SvelteKit would mark it secure on any host but localhost; plain-http test and LAN setups need it off.
    secure: url.protocol === 'https:',
    expires: expires && !Number.isNaN(expires.getTime()) ? expires : undefined,
  });
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
  cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
}

/** Where to go after signing in: only paths on this site, so the login link cannot send people elsewhere. */
export function safeNext(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/login') || value.startsWith('/logout')) return '/';
  return value;
}

export function loginUrl(url: URL): string {
  const next = url.pathname + url.search;
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}
