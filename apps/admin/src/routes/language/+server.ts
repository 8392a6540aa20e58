import { redirect } from '@sveltejs/kit';
import { cookieName, cookieMaxAge, isLocale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

/**
 * The language switch: a plain form post (works without JavaScript) that remembers the language in a cookie and
 * goes back to the page it came from. The cookie is readable by the page's scripts (they render in that language too).
 */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
  const form = await request.formData();
  const locale = String(form.get('locale') ?? '');
  if (isLocale(locale)) {
    cookies.set(cookieName, locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax', secure: url.protocol === 'https:' });
  }
  const back = String(form.get('redirectTo') ?? '/');
  // Only a path of this site: never an absolute or protocol-relative address.
  redirect(303, back.startsWith('/') && !back.startsWith('//') && !back.startsWith('/\\') ? back : '/');
};
