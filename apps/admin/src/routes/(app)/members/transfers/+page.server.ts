import { failForm } from '$lib/forms';
import type { TransferState } from '$lib/gql/graphql';
import { query } from '$lib/server/api';
import { MemberTransferApprove, MemberTransferRefuse, MemberTransfers } from '../queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

const STATES = ['PENDING', 'APPROVED', 'REFUSED', 'CANCELLED'];

export const load: PageServerLoad = async (event) => {
  const raw = event.url.searchParams.get('state');
  const state = raw && STATES.includes(raw) ? (raw as TransferState) : null;
  const awaitingMe = event.url.searchParams.get('mine') === '1';
  const after = event.url.searchParams.get('after')?.slice(0, 200) || null;
  const { memberTransfers } = await query(event, MemberTransfers, { filter: { state, awaitingMe: awaitingMe || null }, first: 30, after });
  return { list: memberTransfers, state, awaitingMe, crumbs: { title: m.mem_transfers() } };
};

async function decide(event: Parameters<Actions[string]>[0], approve: boolean) {
  const form = await event.request.formData();
  const transferId = String(form.get('transferId') ?? '');
  const note = String(form.get('note') ?? '').trim();
  const input = { transferId, note: note || null };
  const payload = approve
    ? (await query(event, MemberTransferApprove, { input })).memberTransferApprove
    : (await query(event, MemberTransferRefuse, { input })).memberTransferRefuse;
  if (!payload.transfer) return failForm(400, { transferId, note }, { form: payload.userErrors[0]?.message ?? m.common_failed() });
  return { decided: transferId, state: payload.transfer.state as TransferState };
}

export const actions: Actions = {
  approve: (event) => decide(event, true),
  refuse: (event) => decide(event, false),
};
