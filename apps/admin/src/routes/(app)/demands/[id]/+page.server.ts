import { error } from '@sveltejs/kit';
import { failForm, failUserErrors, type UserErrorLike } from '$lib/forms';
import type { DemandAction, DemandAssigneeInput } from '$lib/gql/graphql';
import { query } from '$lib/server/api';
import { uploadFile } from '$lib/server/media';
import { DemandAssigneeChoices } from '../queries';
import { AddDemandComment, DemandAssignableAccounts, DemandByCodeForStaff, DemandPage, RevealDemandContact, TransitionDemand } from './queries';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
  const [{ node, demandTransitions }, { viewer }] = await Promise.all([query(event, DemandPage, { id: event.params.id }), event.parent()]);
  if (!node || node.__typename !== 'Demand') error(404, m.dm_not_found());
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
    return failForm(400, values, { form: m.dm_e_incomplete() }, extra);
  }
  const fields: Partial<Record<'reason' | 'duplicateOf' | 'assignee', string>> = {};
  if ((action === 'REJECT' || action === 'REOPEN') && !values.reason) fields.reason = action === 'REJECT' ? m.dm_e_reject_reason() : m.dm_e_reopen_reason();
  const assignee = action === 'ASSIGN' ? assigneeInput(values.assignee) : null;
  if (action === 'ASSIGN' && !assignee) fields.assignee = m.dm_e_assignee();
  let duplicateOfId: string | null = null;
  if (action === 'MARK_DUPLICATE') {
    const code = values.duplicateOf.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
    if (!code) fields.duplicateOf = m.dm_e_dup_code();
    else {
      const found = await query(event, DemandByCodeForStaff, { filter: { query: code } });
      duplicateOfId = found.demands.edges.find((e) => e.node.ticketCode === code)?.node.id ?? null;
      if (!duplicateOfId) fields.duplicateOf = m.dm_e_dup_unknown({ code });
      else if (duplicateOfId === event.params.id) fields.duplicateOf = m.dm_e_dup_self();
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
    fallback: m.dm_e_transition_failed(),
    values,
    extra,
  });
}

async function comment(event: RequestEvent) {
  const form = await event.request.formData();
  const visibility = form.get('visibility') === 'PUBLIC' ? 'PUBLIC' : 'INTERNAL';
  const values = { body: String(form.get('body') ?? '').trim(), visibility };
  const extra = { kind: 'comment' as const };
  if (!values.body) return failForm(400, values, { fields: { body: visibility === 'PUBLIC' ? m.dm_e_reply_body() : m.dm_e_note_body() } }, extra);
  const { addDemandComment } = await query(event, AddDemandComment, {
    input: { demandId: event.params.id, body: values.body, visibility, expectedVersion: Number(form.get('expectedVersion')) },
  });
  if (addDemandComment.demand && addDemandComment.userErrors.length === 0) return { done: visibility === 'PUBLIC' ? 'REPLY' : 'NOTE' };
  const stale = outdated(addDemandComment.userErrors);
  if (stale) return failForm(409, values, { form: stale.message }, { ...extra, outdated: stale.code });
  return failUserErrors(addDemandComment.userErrors, { fields: ['body'], fallback: m.dm_e_comment_failed(), values, extra });
}

async function reveal(event: RequestEvent) {
  const form = await event.request.formData();
  const values = { reason: String(form.get('reason') ?? '').trim() };
  const extra = { kind: 'reveal' as const };
  if (values.reason.length < 2) return failForm(400, values, { fields: { reason: m.dm_e_reveal_reason() } }, extra);
  const { revealDemandContact } = await query(event, RevealDemandContact, { input: { demandId: event.params.id, reason: values.reason } });
  if (revealDemandContact.contact) return { contact: revealDemandContact.contact };
  return failUserErrors(revealDemandContact.userErrors, { fields: ['reason'], fallback: m.dm_e_reveal_forbidden(), values, extra, status: 403 });
}

/** A photo taken on the spot (照片): passed on to the API, which checks it, strips its location and attaches it. */
async function photo(event: RequestEvent) {
  const form = await event.request.formData();
  const file = form.get('photo');
  if (!(file instanceof File) || file.size === 0) return failForm(400, {}, { fields: { photo: m.media_e_no_photo() } }, { kind: 'photo' as const });
  const result = await uploadFile(event, file, { kind: 'IMAGE', attachTo: event.params.id });
  if (!result.ok) return failForm(400, {}, { fields: { photo: result.message } }, { kind: 'photo' as const });
  return { kind: 'photo' as const, done: 'PHOTO' };
}

export const actions: Actions = { transition, comment, reveal, photo };
