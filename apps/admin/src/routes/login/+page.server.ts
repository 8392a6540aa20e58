import { fail, redirect } from '@sveltejs/kit';
import { ApiRequestError } from '@tongxin/graphql-client';
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

type Field = 'username' | 'password' | 'form';
export type LoginErrors = Partial<Record<Field, string>>;

export const load: PageServerLoad = async ({ locals, url }) => {
  const next = safeNext(url.searchParams.get('next'));
  if (locals.token) redirect(303, next);
  return { next };
};

export const actions: Actions = {
  default: async ({ request, cookies, url }) => {
    const form = await request.formData();
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const next = safeNext(String(form.get('next') ?? url.searchParams.get('next') ?? '/'));

    const errors: LoginErrors = {};
    if (!username) errors.username = '请输入用户名';
    if (!password) errors.password = '请输入密码';
    if (errors.username || errors.password) return rejected(400, username, errors);

    let payload;
    try {
      ({ data: { sessionCreate: payload } } = await sessionRequest(SessionCreate, { input: { username, password } }));
    } catch (cause) {
      if (cause instanceof ApiRequestError && cause.code === 'BAD_USER_INPUT') {
        return rejected(400, username, { form: '用户名或密码格式不正确' });
      }
      return rejected(503, username, { form: '暂时无法连接服务器，请稍后再试' });
    }

    if (payload.userErrors.length > 0 || !payload.token) {
      const shown: LoginErrors = {};
      for (const e of payload.userErrors) {
        const field = e.code === 'INVALID_CREDENTIALS' ? 'form' : fieldOf(e.field);
        shown[field] ??= messages[e.code] ?? '登录失败，请检查后重试';
      }
      if (!shown.form && !shown.username && !shown.password) shown.form = '登录失败，请稍后再试';
      return rejected(400, username, shown);
    }

    setSessionCookie(cookies, url, payload.token, payload.expiresAt);
    redirect(303, next);
  },
};

/** The form comes back with the username kept and the password cleared. */
function rejected(status: number, username: string, errors: LoginErrors) {
  return fail(status, { username, errors });
}

function fieldOf(path: readonly string[] | null | undefined): Field {
  const last = path?.at(-1);
  return last === 'username' || last === 'password' ? last : 'form';
}
