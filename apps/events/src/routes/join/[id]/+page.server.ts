import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { api } from '$lib/server/api';
import { applyUserErrors, hasFieldErrors, mobilePhone, PHONE_HELP, readResidentForm, type ResidentFormFailure } from '$lib/server/resident-form';
import type { Actions, PageServerLoad } from './$types';

const RecruitmentCallPage = graphql(`
  query RecruitmentCallPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on RecruitmentCall {
        id
        title
        body
        skillsWanted
        opensOn
        closesOn
        open
        community {
          id
          name
        }
      }
    }
  }
`);

const RecruitmentApply = graphql(`
  mutation RecruitmentApply($input: ApplyToRecruitmentCallInput!) {
    applyToRecruitmentCall(input: $input) {
      received
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export type JoinField = 'name' | 'phone' | 'skills' | 'availability' | 'building' | 'intro';
export type JoinFailure = ResidentFormFailure<JoinField>;

const FIELD_HELP: Record<JoinField, string> = {
  name: '请填写您的姓名',
  phone: PHONE_HELP,
  skills: '请填写至少一项特长，多项用逗号或顿号分开',
  availability: '请填写您方便服务的时间，例如“周末上午”',
  building: '楼栋最多 50 个字',
  intro: '自我介绍最多 500 个字',
};

export const load: PageServerLoad = async (event) => {
  const { node } = await api(event, RecruitmentCallPage, { id: event.params.id });
  if (!node || node.__typename !== 'RecruitmentCall') error(404, '没有找到这个招募令');
  return { call: node, idempotencyKey: randomUUID(), done: event.url.searchParams.has('done') };
};

export const actions: Actions = {
  default: async (event) => {
    const failure = await readResidentForm(event.request, Object.keys(FIELD_HELP) as JoinField[]);
    const { values, fieldErrors: errors } = failure;
    if (!values.name) errors.name = FIELD_HELP.name;
    const phone = mobilePhone(values.phone);
    if (!phone) errors.phone = FIELD_HELP.phone;
    const skills = values.skills.split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean);
    if (skills.length === 0) errors.skills = FIELD_HELP.skills;
    if (!values.availability) errors.availability = FIELD_HELP.availability;
    if (!phone || hasFieldErrors(failure)) return fail(400, failure);

    const { applyToRecruitmentCall: res } = await api(event, RecruitmentApply, {
      input: {
        callId: event.params.id,
        name: values.name,
        phone,
        skills,
        availability: values.availability,
        building: values.building || null,
        intro: values.intro || null,
        idempotencyKey: values.idempotencyKey,
      },
    });
    if (res.received) redirect(303, `/join/${encodeURIComponent(event.params.id)}?done=1`);
    return fail(400, applyUserErrors(failure, res.userErrors, { help: FIELD_HELP, fallback: '报名没有成功，请稍后再试。' }));
  },
};
