import { failForm, failUserErrors } from '$lib/forms';
import { query } from '$lib/server/api';
import { ChangePassword } from './queries';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ crumbs: { label: '修改密码' } });

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const current = String(form.get('current') ?? '');
    const next = String(form.get('next') ?? '');
    const again = String(form.get('again') ?? '');
    // passwords are never filled back in
    const values = {};
    if (!current) return failForm(400, values, { fields: { current: '请输入当前密码' } });
    if (!next) return failForm(400, values, { fields: { next: '请输入新密码' } });
    if (next !== again) return failForm(400, values, { fields: { again: '两次输入的新密码不一致' } });
    const { passwordChange } = await query(event, ChangePassword, { input: { current, next } });
    if (passwordChange.changed) return { done: true, sessionsEnded: passwordChange.sessionsEnded ?? 0 };
    return failUserErrors(passwordChange.userErrors, { fields: ['current', 'next'], fallback: '没有修改成功，请稍后再试', values });
  },
};
