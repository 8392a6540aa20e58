import { error } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import type { DecisionAction } from '$lib/gql/graphql';
import { query } from '$lib/server/api';
import { AdvanceDecision, DecisionDetail } from '../queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

const ACTIONS = ['OPEN_SOLICITATION', 'PROPOSE', 'DELIBERATE', 'RESOLVE', 'PUBLISH_DECISION', 'PUBLISH_RESULT'] as const;
const FIELDS = ['action', 'confirm', 'record', 'body', 'heldOn', 'opensAt', 'closesAt', 'votesFor', 'votesAgainst', 'votesAbstain'] as const;

export const load: PageServerLoad = async (event) => {
  const { node } = await query(event, DecisionDetail, { id: event.params.id });
  if (node?.__typename !== 'Decision') error(404, m.dc_not_found());
  return { decision: node, crumbs: { title: node.title } };
};

/** A datetime-local value (Beijing time, no zone) as an ISO instant. */
function beijing(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const t = Date.parse(`${value}:00+08:00`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function count(value: string): number | null | undefined {
  if (value === '') return null;
  return /^\d{1,6}$/.test(value) ? Number(value) : undefined;
}

export const actions: Actions = {
  step: async (event) => {
    const form = await event.request.formData();
    const text = (n: string) => String(form.get(n) ?? '').trim();
    const values = {
      action: text('action'), version: text('version'), record: text('record'), body: text('body'), heldOn: text('heldOn'), opensAt: text('opensAt'), closesAt: text('closesAt'),
      votesFor: text('votesFor'), votesAgainst: text('votesAgainst'), votesAbstain: text('votesAbstain'), confirm: text('confirm'),
    };
    const fields: Partial<Record<(typeof FIELDS)[number], string>> = {};
    if (!(ACTIONS as readonly string[]).includes(values.action)) fields.action = m.dc_v_action();
    if (!values.record) fields.record = m.dc_v_record();
    if (values.action.startsWith('PUBLISH_') && values.confirm !== 'yes') fields.confirm = m.dc_v_confirm();
    const opensAt = values.opensAt ? beijing(values.opensAt) : null;
    if (values.opensAt && !opensAt) fields.opensAt = m.dc_v_opens();
    const closesAt = values.closesAt ? beijing(values.closesAt) : null;
    if (values.action === 'OPEN_SOLICITATION' && !closesAt) fields.closesAt = m.dc_v_closes();
    const votes = { votesFor: count(values.votesFor), votesAgainst: count(values.votesAgainst), votesAbstain: count(values.votesAbstain) };
    for (const [k, v] of Object.entries(votes)) if (v === undefined) fields[k as 'votesFor'] = m.dc_v_count();
    if (Object.keys(fields).length) return failForm(400, values, { fields });
    const isResolve = values.action === 'RESOLVE';
    const { advanceDecision } = await query(event, AdvanceDecision, {
      input: {
        decisionId: event.params.id, action: values.action as DecisionAction, expectedVersion: Number(values.version), record: values.record,
        body: values.body || null, heldOn: values.heldOn || null,
        opensAt: values.action === 'OPEN_SOLICITATION' ? opensAt : null, closesAt: values.action === 'OPEN_SOLICITATION' ? closesAt : null,
        votesFor: isResolve ? votes.votesFor ?? null : null, votesAgainst: isResolve ? votes.votesAgainst ?? null : null, votesAbstain: isResolve ? votes.votesAbstain ?? null : null,
      },
    });
    if (advanceDecision.decision) return { stepped: advanceDecision.decision.state };
    return failUserErrors(advanceDecision.userErrors, { fields: FIELDS, fallback: m.dc_step_failed(), values });
  },
};
