import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { api, publicApi } from '$lib/server/api';
import { applyUserErrors, hasFieldErrors, mobilePhone, PHONE_HELP, readResidentForm, type ResidentFormFailure } from '$lib/server/resident-form';
import { DEMAND_CATEGORIES, deriveTitle, parseDemandCategory } from '$lib/demand';
import type { Actions, PageServerLoad } from './$types';

const ReportCommunities = graphql(`
  query ReportCommunities {
    publicCommunities {
      id
      name
    }
  }
`);

const DemandSubmit = graphql(`
  mutation DemandSubmit($input: SubmitDemandInput!) {
    submitDemand(input: $input) {
      ticketCode
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export type ReportField = 'communityId' | 'category' | 'description' | 'place' | 'name' | 'phone' | 'photoUrl';
export type ReportFailure = ResidentFormFailure<ReportField>;

/** Longest description a resident may type; the API applies its own limit too. */
const MAX_DESCRIPTION = 2000;

const FIELD_HELP: Record<ReportField, string> = {
  communityId: '请选择您所在的社区',
  category: '请选择问题类别',
  description: '请描述遇到的问题，至少 5 个字',
  place: '请填写问题所在的位置，例如小区、楼栋或路口',
  name: '请填写您的称呼，方便工作人员联系',
  phone: PHONE_HELP,
  photoUrl: '照片链接需以 http:// 或 https:// 开头',
};

/** The last part of a userError's field path, mapped onto the form's inputs. */
const API_FIELDS: Record<string, ReportField> = {
  communityId: 'communityId',
  category: 'category',
  title: 'description',
  description: 'description',
  place: 'place',
  text: 'place',
  compound: 'place',
  building: 'place',
  name: 'name',
  phone: 'phone',
  photoUrl: 'photoUrl',
};

export const load: PageServerLoad = async (event) => {
  const { publicCommunities } = await publicApi(event, ReportCommunities, {}, () => []);
  const wanted = event.url.searchParams.get('community');
  return {
    communities: publicCommunities,
    categories: DEMAND_CATEGORIES,
    preset: {
      communityId: publicCommunities.some((c) => c.id === wanted) ? wanted! : publicCommunities.length === 1 ? publicCommunities[0].id : '',
      category: parseDemandCategory(event.url.searchParams.get('category')) ?? '',
    },
    // A fresh key for each form shown: the same form sent twice (a double tap, the back button) files one demand.
    idempotencyKey: randomUUID(),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const failure = await readResidentForm(event.request, Object.keys(FIELD_HELP) as ReportField[]);
    const { values, fieldErrors: errors } = failure;
    if (!values.communityId) errors.communityId = FIELD_HELP.communityId;
    const category = parseDemandCategory(values.category);
    if (!category) errors.category = FIELD_HELP.category;
    if (Array.from(values.description).length < 5) errors.description = FIELD_HELP.description;
    else if (Array.from(values.description).length > MAX_DESCRIPTION) errors.description = `问题描述最多 ${MAX_DESCRIPTION} 个字`;
    if (!values.place) errors.place = FIELD_HELP.place;
    if (!values.name) errors.name = FIELD_HELP.name;
    const phone = mobilePhone(values.phone);
    if (!values.phone) errors.phone = '请填写手机号，方便工作人员回复您';
    else if (!phone) errors.phone = FIELD_HELP.phone;
    if (values.photoUrl && !/^https?:\/\/\S+$/i.test(values.photoUrl)) errors.photoUrl = FIELD_HELP.photoUrl;
    if (!phone || !category || hasFieldErrors(failure)) return fail(400, failure);

    const { submitDemand } = await api(event, DemandSubmit, {
      input: {
        communityId: values.communityId,
        category,
        title: deriveTitle(values.description),
        description: values.description,
        place: { text: values.place },
        name: values.name,
        phone,
        photoUrl: values.photoUrl || null,
        idempotencyKey: values.idempotencyKey,
      },
    });
    if (submitDemand.ticketCode) redirect(303, `/d/${encodeURIComponent(submitDemand.ticketCode)}?new=1`);
    return fail(400, applyUserErrors(failure, submitDemand.userErrors, { help: FIELD_HELP, fallback: '提交没有成功，请稍后再试。', fieldOf: (name) => API_FIELDS[name] }));
  },
};
