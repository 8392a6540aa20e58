import { redirect } from '@sveltejs/kit';
import { ApiRequestError } from '@tongxin/graphql-client';
import { failForm, failUserErrors } from '$lib/forms';
import { graphql } from '$lib/gql';
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
const messages: Record<string, string> = {
  INVALID_CREDENTIALS: '用户名或密码错误',
  ACCOUNT_DISABLED: '该账号已停用，请联系社区党委管理员',
  TOO_MANY_ATTEMPTS: '尝试次数过多，请稍后再试',
  RATE_LIMITED: '尝试次数过多，请稍后再试',
};

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
    if (!username) missing.username = '请输入用户名';
    if (!password) missing.password = '请输入密码';
    if (missing.username || missing.password) return failForm(400, values, { fields: missing });

    let payload;
    try {
      ({ data: { sessionCreate: payload } } = await sessionRequest(SessionCreate, { input: { username, password } }, null, clientAddress(getClientAddress)));
    } catch (cause) {
      if (cause instanceof ApiRequestError && cause.code === 'BAD_USER_INPUT') {
        return failForm(400, values, { form: '用户名或密码格式不正确' });
      }
      if (cause instanceof ApiRequestError && cause.code === 'RATE_LIMITED') {
        const wait = cause.errors[0]?.retryAfterSeconds ?? 60;
        return failForm(429, values, { form: `尝试次数过多，请 ${wait < 120 ? `${wait} 秒` : `${Math.ceil(wait / 60)} 分钟`}后再试` });
      }
      return failForm(503, values, { form: '暂时无法连接服务器，请稍后再试' });
    }

    if (payload.userErrors.length > 0 || !payload.token) {
      return failUserErrors(payload.userErrors, {
        fields: FIELDS,
        messages,
        apiMessages: false,
        // Which of the two was wrong is not told: both fields are marked.
        formCodes: ['INVALID_CREDENTIALS'],
        fallback: '登录失败，请稍后再试',
        values,
      });
    }

    setSessionCookie(cookies, url, payload.token, payload.expiresAt);
    redirect(303, next);
  },
};
