import { failForm, failUserErrors } from '$lib/forms';
import { query } from '$lib/server/api';
import { DisableAccount, EnableAccount, ManagedAccounts } from './queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
  const search = event.url.searchParams.get('q')?.trim().slice(0, 40) || null;
  const after = event.url.searchParams.get('after')?.slice(0, 200) || null;
  // a disable asked for from the list waits here for its confirmation (works without JavaScript)
  const confirm = event.url.searchParams.get('confirm')?.slice(0, 200) || null;
  const data = await query(event, ManagedAccounts, { search, first: 50, after });
  return { accounts: data.managedAccounts, viewerId: data.viewer?.id ?? null, search, after, confirm, crumbs: { label: m.acc_title() } };
};

export const actions: Actions = {
  disable: async (event) => {
    const form = await event.request.formData();
    const id = String(form.get('id') ?? '');
    const extra = { kind: 'disable' as const, target: id };
    if (form.get('confirm') !== 'yes') return failForm(400, {}, { form: m.acc_v_confirm() }, extra);
    const { accountDisable } = await query(event, DisableAccount, { input: { id } });
    if (accountDisable.account) return { ...extra, done: true, username: accountDisable.account.username };
    return failUserErrors(accountDisable.userErrors, { fields: [], fallback: m.acc_disable_failed(), values: {}, extra });
  },
  enable: async (event) => {
    const form = await event.request.formData();
    const id = String(form.get('id') ?? '');
    const extra = { kind: 'enable' as const, target: id };
    const { accountEnable } = await query(event, EnableAccount, { input: { id } });
    if (accountEnable.account) return { ...extra, done: true, username: accountEnable.account.username };
    return failUserErrors(accountEnable.userErrors, { fields: [], fallback: m.acc_enable_failed(), values: {}, extra });
  },
};
