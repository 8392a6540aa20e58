import type { Cookies } from '@sveltejs/kit';

/**
 * Confirmation codes made on this phone, kept in a cookie so a resident who lost the code (or tapped
 * "报名" twice on a slow connection) can find the registration again. Only codes and activity ids:
 * names and phone numbers never leave the API.
 */
export const REGISTRATIONS_COOKIE = 'tx_regs';
const COOKIE = REGISTRATIONS_COOKIE;
const KEEP = 20;

export interface SavedRegistration {
  code: string;
  activityId: string;
}

/** The requests (by their cookies) whose page consulted this phone's registrations. */
const consulted = new WeakSet<Cookies>();

/**
 * Whether the page being rendered for these cookies asked for this phone's registrations: then the page
 * may differ from one visitor to the next, and only visitors without the cookie may share it (hooks.server.ts).
 */
export function consultedRegistrations(cookies: Cookies): boolean {
  return consulted.has(cookies);
}

/** Whether this visitor has registered on this phone before (the page may then show their codes). */
export function hasSavedRegistrations(cookies: Cookies): boolean {
  return !!cookies.get(COOKIE);
}

export function savedRegistrations(cookies: Cookies): SavedRegistration[] {
  consulted.add(cookies);
  const raw = cookies.get(COOKIE);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (r): r is SavedRegistration => typeof r?.code === 'string' && typeof r?.activityId === 'string',
    );
  } catch {
    return [];
  }
}

export function saveRegistration(cookies: Cookies, url: URL, registration: SavedRegistration): void {
  const list = [registration, ...savedRegistrations(cookies).filter((r) => r.code !== registration.code)].slice(0, KEEP);
  cookies.set(COOKIE, JSON.stringify(list), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    maxAge: 60 * 60 * 24 * 365,
  });
}
