import { redirect } from '@sveltejs/kit';
import { ApiRequestError } from '@tongxin/graphql-client';
import { failForm, failUserErrors } from '$lib/forms';
import { graphql } from '$lib/gql';
import { m } from '$lib/i18n';
import { sessionRequest } from '$lib/server/api';
import { safeNext, setSessionCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const SessionCreate = graphql(`
  mutation SessionCreate($input: SessionCreateInput!) {
    sessionCreate(input: $input) {
      token
      expiresAt
      viewer {
        displayName
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** What the user reads for each userError code; the API's own messages are English. */
const messages = (): Record<string, string> => ({
  INVALID_CREDENTIALS: m.login_invalid(),
  ACCOUNT_DISABLED: m.login_disabled(),
  TOO_MANY_ATTEMPTS: m.login_too_many(),
  RATE_LIMITED: m.login_too_many(),
});

const FIELDS = ['username', 'password'] as const;
type Field = (typeof FIELDS)[number];

function clientAddress(get: () => string): string | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const next = safeNext(url.searchParams.get('next'));
  if (locals.token) redirect(303, next);
  return { next };
};

export const actions: Actions = {
  default: async ({ request, cookies, url, getClientAddress }) => {
    const form = await request.formData();
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const next = safeNext(String(form.get('next') ?? url.searchParams.get('next') ?? '/'));

    // The form comes back with the username kept and the password cleared.
    const values = { username };
    const missing: Partial<Record<Field, string>> = {};
    if (!username) missing.username = m.login_need_username();
    if (!password) missing.password = m.login_need_password();
    if (missing.username || missing.password) return failForm(400, values, { fields: missing });

    let payload;
    try {
      ({ data: { sessionCreate: payload } } = await sessionRequest(SessionCreate, { input: { username, password } }, null, clientAddress(getClientAddress)));
    } catch (cause) {
      if (cause instanceof ApiRequestError && cause.code === 'BAD_USER_INPUT') {
        return failForm(400, values, { form: m.login_bad_format() });
      }
      if (cause instanceof ApiRequestError && cause.code === 'RATE_LIMITED') {
        const wait = cause.errors[0]?.retryAfterSeconds ?? 60;
        return failForm(429, values, { form: wait < 120 ? m.login_wait_seconds({ n: wait }) : m.login_wait_minutes({ n: Math.ceil(wait / 60) }) });
      }
      return failForm(503, values, { form: m.login_unreachable() });
    }

    if (payload.userErrors.length > 0 || !payload.token) {
      return failUserErrors(payload.userErrors, {
        fields: FIELDS,
        messages: messages(),
        apiMessages: false,
        // Which of the two was wrong is not told: both fields are marked.
        formCodes: ['INVALID_CREDENTIALS'],
        fallback: m.login_failed(),
        values,
      });
    }

    setSessionCookie(cookies, url, payload.token, payload.expiresAt);
    redirect(303, next);
  },
};
