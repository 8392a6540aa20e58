import { failForm, failUserErrors } from '$lib/forms';
import { query } from '$lib/server/api';
import { ChangePassword } from './queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

export const load: PageServerLoad = async () => ({ crumbs: { label: m.pw_title() } });

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const current = String(form.get('current') ?? '');
    const next = String(form.get('next') ?? '');
    const again = String(form.get('again') ?? '');
    // passwords are never filled back in
    const values = {};
    if (!current) return failForm(400, values, { fields: { current: m.pw_v_current() } });
    if (!next) return failForm(400, values, { fields: { next: m.pw_v_next() } });
    if (next !== again) return failForm(400, values, { fields: { again: m.pw_v_again() } });
    const { passwordChange } = await query(event, ChangePassword, { input: { current, next } });
    if (passwordChange.changed) return { done: true, sessionsEnded: passwordChange.sessionsEnded ?? 0 };
    return failUserErrors(passwordChange.userErrors, { fields: ['current', 'next'], fallback: m.pw_failed(), values });
  },
};
