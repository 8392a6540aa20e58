import { error } from '@sveltejs/kit';
import { failForm, failUserErrors, type UserErrorLike } from '$lib/forms';
import type { DemandAction, DemandAssigneeInput } from '$lib/gql/graphql';
import { query } from '$lib/server/api';
import { uploadFile } from '$lib/server/media';
import { DemandAssigneeChoices } from '../queries';
import { AddDemandComment, DemandAssignableAccounts, DemandByCodeForStaff, DemandPage, RevealDemandContact, TransitionDemand } from './queries';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
  const [{ node, demandTransitions }, { viewer }] = await Promise.all([query(event, DemandPage, { id: event.params.id }), event.parent()]);
  if (!node || node.__typename !== 'Demand') error(404, '诉求不存在或您无权查看');
  const canAssign = node.allowedActions.includes('ASSIGN');
  const [choices, staff] = await Promise.all([
    canAssign && node.community ? query(event, DemandAssigneeChoices, { communityId: node.community.id }) : null,
    canAssign ? query(event, DemandAssignableAccounts, { demandId: node.id }) : null,
  ]);
  const needs = Object.fromEntries(demandTransitions.filter((t) => t.from === node.state).map((t) => [t.action, t.needs]));
  return {
    demand: node,
    needs: needs as Partial<Record<DemandAction, string[]>>,
    assignees: {
      me: { id: viewer.id, name: viewer.displayName },
      staff: (staff?.demandAssignableAccounts ?? []).filter((a) => a.id !== viewer.id),
      branches: (choices?.orgNode?.children.edges ?? []).map((e) => e.node).filter((n) => n.level === 'BRANCH'),
      units: (choices?.coBuildingUnits.edges ?? []).map((e) => e.node),
    },
    flash: event.url.searchParams.has('new') ? 'new' : null,
    crumbs: { title: node.title },
  };
};

/** Errors that mean "the page you looked at is out of date": shown with a reload link instead of beside a field. */
const OUTDATED = new Set(['STALE', 'INVALID_TRANSITION']);

function outdated(userErrors: readonly UserErrorLike[]): UserErrorLike | undefined {
  return userErrors.find((e) => OUTDATED.has(e.code));
}

const ACTIONS = ['ACCEPT', 'REJECT', 'MARK_DUPLICATE', 'ASSIGN', 'START', 'RESOLVE', 'CLOSE', 'REOPEN'] as const;

function assigneeInput(value: string): DemandAssigneeInput | null {
  const [kind, id] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
  if (!id) return null;
  if (kind === 'account') return { accountId: id };
  if (kind === 'branch') return { orgNodeId: id };
  if (kind === 'unit') return { unitId: id };
  return null;
}

async function transition(event: RequestEvent) {
  const form = await event.request.formData();
  const action = String(form.get('action') ?? '') as DemandAction;
  const values = {
    action,
    reason: String(form.get('reason') ?? '').trim(),
    duplicateOf: String(form.get('duplicateOf') ?? '').trim(),
    assignee: String(form.get('assignee') ?? ''),
  };
  const extra = { kind: 'transition' as const, action };
  const expectedVersion = Number(form.get('expectedVersion'));
  if (!(ACTIONS as readonly string[]).includes(action) || !Number.isInteger(expectedVersion)) {
    return failForm(400, values, { form: '请求不完整，请刷新页面后重试' }, extra);
  }
  const fields: Partial<Record<'reason' | 'duplicateOf' | 'assignee', string>> = {};
  if ((action === 'REJECT' || action === 'REOPEN') && !values.reason) fields.reason = action === 'REJECT' ? '请写明不予受理的原因，居民会看到' : '请写明重新办理的原因';
  const assignee = action === 'ASSIGN' ? assigneeInput(values.assignee) : null;
  if (action === 'ASSIGN' && !assignee) fields.assignee = '请选择指派给谁';
  let duplicateOfId: string | null = null;
  if (action === 'MARK_DUPLICATE') {
    const code = values.duplicateOf.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
    if (!code) fields.duplicateOf = '请填写重复的那件诉求的受理编号';
    else {
      const found = await query(event, DemandByCodeForStaff, { filter: { query: code } });
      duplicateOfId = found.demands.edges.find((e) => e.node.ticketCode === code)?.node.id ?? null;
      if (!duplicateOfId) fields.duplicateOf = `找不到受理编号为 ${code} 的诉求`;
      else if (duplicateOfId === event.params.id) fields.duplicateOf = '不能标记为与自己重复';
    }
  }
  if (Object.keys(fields).length > 0) return failForm(400, values, { fields }, extra);

  const { transitionDemand } = await query(event, TransitionDemand, {
    input: { demandId: event.params.id, action, expectedVersion, reason: values.reason || null, duplicateOfId, assignee },
  });
  if (transitionDemand.demand && transitionDemand.userErrors.length === 0) return { done: action };
  const stale = outdated(transitionDemand.userErrors);
  if (stale) return failForm(409, values, { form: stale.message }, { ...extra, outdated: stale.code });
  return failUserErrors(transitionDemand.userErrors, {
    fields: ['reason', 'duplicateOf', 'assignee', 'duplicateOfId', 'accountId', 'orgNodeId', 'unitId'],
    fallback: '操作没有成功，请刷新后重试',
    values,
    extra,
  });
}

async function comment(event: RequestEvent) {
  const form = await event.request.formData();
  const visibility = form.get('visibility') === 'PUBLIC' ? 'PUBLIC' : 'INTERNAL';
  const values = { body: String(form.get('body') ?? '').trim(), visibility };
  const extra = { kind: 'comment' as const };
  if (!values.body) return failForm(400, values, { fields: { body: visibility === 'PUBLIC' ? '请写下给居民的答复' : '请写下备注内容' } }, extra);
  const { addDemandComment } = await query(event, AddDemandComment, {
    input: { demandId: event.params.id, body: values.body, visibility, expectedVersion: Number(form.get('expectedVersion')) },
  });
  if (addDemandComment.demand && addDemandComment.userErrors.length === 0) return { done: visibility === 'PUBLIC' ? 'REPLY' : 'NOTE' };
  const stale = outdated(addDemandComment.userErrors);
  if (stale) return failForm(409, values, { form: stale.message }, { ...extra, outdated: stale.code });
  return failUserErrors(addDemandComment.userErrors, { fields: ['body'], fallback: '没有保存成功，请稍后再试', values, extra });
}

async function reveal(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { reason: String(form.get('reason') ?? '').trim() };
  const extra = { kind: 'reveal' as const };
  if (values.reason.length < 2) return failForm(400, values, { fields: { reason: '请写明查看完整号码的原因，例如：电话回访' } }, extra);
  const { revealDemandContact } = await query(event, RevealDemandContact, { input: { demandId: event.params.id, reason: values.reason } });
  if (revealDemandContact.contact) return { contact: revealDemandContact.contact };
  return failUserErrors(revealDemandContact.userErrors, { fields: ['reason'], fallback: '您无权查看完整号码', values, extra, status: 403 });
}

/** A photo taken on the spot (照片): passed on to the API, which checks it, strips its location and attaches it. */
async function photo(event: RequestEvent) {
  const form = await event.request.formData();
  const file = form.get('photo');
  if (!(file instanceof File) || file.size === 0) return failForm(400, {}, { fields: { photo: '请选择或拍摄一张照片' } }, { kind: 'photo' as const });
  const result = await uploadFile(event, file, { kind: 'IMAGE', attachTo: event.params.id });
  if (!result.ok) return failForm(400, {}, { fields: { photo: result.message } }, { kind: 'photo' as const });
  return { kind: 'photo' as const, done: 'PHOTO' };
}

export const actions: Actions = { transition, comment, reveal, photo };
