import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { api, publicApi } from '$lib/server/api';
import { isChinese, normalizePhone } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

const PublicDecision = graphql(`
  query PublicDecision($id: ID!) {
    node(id: $id) {
      __typename
      ... on Decision {
        id
        title
        summary
        state
        solicitationOpen
        solicitOpensAt
        solicitClosesAt
        decisionPublishedAt
        resultPublishedAt
        ownerName
        communityName
        steps {
          id
          kind
          heldOn
          body
          record
          votesFor
          votesAgainst
          votesAbstain
        }
      }
    }
  }
`);

const OpinionSubmit = graphql(`
  mutation OpinionSubmit($input: SubmitDecisionOpinionInput!) {
    submitDecisionOpinion(input: $input) {
      accepted
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export type OpinionField = 'body' | 'name' | 'phone';

export interface OpinionFailure {
  values: { body: string; name: string; phone: string; idempotencyKey: string };
  fieldErrors: Partial<Record<OpinionField, string>>;
  message: string | null;
}

const MAX_BODY = 2000;

export const load: PageServerLoad = async (event) => {
  const { node } = await publicApi(event, PublicDecision, { id: event.params.id }, () => []);
  if (node?.__typename !== 'Decision') error(404, '公示事项不存在，或尚未公开');
  return {
    decision: node,
    sent: event.url.searchParams.get('sent') === '1',
    // a fresh key for each form shown: a double tap or the back button records one opinion
    idempotencyKey: randomUUID(),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const values = { body: text('body'), name: text('name'), phone: text('phone'), idempotencyKey: text('idempotencyKey').slice(0, 100) || randomUUID() };
    const failure: OpinionFailure = { values, fieldErrors: {}, message: null };
    const errors = failure.fieldErrors;
    const length = Array.from(values.body).length;
    if (length < 2) errors.body = '请写下您的意见建议，至少 2 个字';
    else if (length > MAX_BODY) errors.body = `意见建议最多 ${MAX_BODY} 个字`;
    if (Array.from(values.name).length > 20) errors.name = '称呼最多 20 个字';
    const phone = values.phone ? normalizePhone(values.phone) : '';
    if (phone && !/^1\d{10}$/.test(phone)) errors.phone = '请填写 11 位中国大陆手机号，或不填';
    if (Object.keys(errors).length > 0) return fail(400, failure);

    const { submitDecisionOpinion } = await api(event, OpinionSubmit, {
      input: { decisionId: event.params.id, body: values.body, name: values.name || null, phone: phone || null, idempotencyKey: values.idempotencyKey },
    });
    if (submitDecisionOpinion.accepted) redirect(303, `/gongshi/${encodeURIComponent(event.params.id)}?sent=1#opinion`);
    for (const e of submitDecisionOpinion.userErrors) {
      const field = e.field?.at(-1) as OpinionField | undefined;
      if (field && ['body', 'name', 'phone'].includes(field) && !errors[field]) errors[field] = isChinese(e.message) ? e.message : '请检查这一项';
      else failure.message ??= isChinese(e.message) ? e.message : '提交没有成功，请稍后再试。';
    }
    failure.message ??= Object.keys(errors).length ? null : '提交没有成功，请稍后再试。';
    return fail(400, failure);
  },
};
