import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { api } from '$lib/server/api';
import { isChinese, normalizePhone } from '$lib/format';
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
export interface JoinValues { name: string; phone: string; skills: string; availability: string; building: string; intro: string; idempotencyKey: string }
export interface JoinFailure { values: JoinValues; fieldErrors: Partial<Record<JoinField, string>>; message: string | null }

const FIELD_HELP: Record<JoinField, string> = {
  name: '请填写您的姓名',
  phone: '请填写 11 位中国大陆手机号，例如 13812345678',
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

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const values: JoinValues = {
      name: text(form, 'name'),
      phone: text(form, 'phone'),
      skills: text(form, 'skills'),
      availability: text(form, 'availability'),
      building: text(form, 'building'),
      intro: text(form, 'intro'),
      idempotencyKey: text(form, 'idempotencyKey').slice(0, 100) || randomUUID(),
    };
    const failure: JoinFailure = { values, fieldErrors: {}, message: null };
    const errors = failure.fieldErrors;
    if (!values.name) errors.name = FIELD_HELP.name;
    const phone = normalizePhone(values.phone);
    if (!/^1\d{10}$/.test(phone)) errors.phone = FIELD_HELP.phone;
    const skills = values.skills.split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean);
    if (skills.length === 0) errors.skills = FIELD_HELP.skills;
    if (!values.availability) errors.availability = FIELD_HELP.availability;
    if (Object.keys(errors).length > 0) return fail(400, failure);

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
    for (const userError of res.userErrors) {
      const field = userError.field?.at(-1) as JoinField | undefined;
      if (field && field in FIELD_HELP && !errors[field]) errors[field] = isChinese(userError.message) ? userError.message : FIELD_HELP[field];
      else failure.message ??= isChinese(userError.message) ? userError.message : '报名没有成功，请稍后再试。';
    }
    if (!failure.message && Object.keys(errors).length === 0) failure.message = '报名没有成功，请稍后再试。';
    return fail(400, failure);
  },
};
