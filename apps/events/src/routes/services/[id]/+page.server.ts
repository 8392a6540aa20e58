import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { api } from '$lib/server/api';
import { isChinese, normalizePhone } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

const ServiceOfferPage = graphql(`
  query ServiceOfferPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on ServiceOffer {
        id
        title
        category
        description
        schedule
        place
        published
        archived
        remainingThisWeek
        provider {
          kind
          name
        }
        community {
          id
          name
        }
      }
    }
  }
`);

const ServiceOrder = graphql(`
  mutation ServiceOrder($input: OrderServiceInput!) {
    orderService(input: $input) {
      ticketCode
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export type OrderField = 'name' | 'phone' | 'address' | 'preferredTime' | 'note';

export interface OrderValues {
  name: string;
  phone: string;
  address: string;
  preferredTime: string;
  note: string;
  idempotencyKey: string;
}

export interface OrderFailure {
  values: OrderValues;
  fieldErrors: Partial<Record<OrderField, string>>;
  message: string | null;
}

const FIELD_HELP: Record<OrderField, string> = {
  name: '请填写您的称呼，方便服务人员联系',
  phone: '请填写 11 位中国大陆手机号，例如 13812345678',
  address: '请填写服务地址，例如小区、楼栋、单元和门牌号',
  preferredTime: '希望时间最多 50 个字',
  note: '补充说明最多 500 个字',
};

export const load: PageServerLoad = async (event) => {
  const { node } = await api(event, ServiceOfferPage, { id: event.params.id });
  if (!node || node.__typename !== 'ServiceOffer' || !node.published || node.archived) error(404, '没有找到这项服务，或它已下架');
  return { offer: node, idempotencyKey: randomUUID() };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const values: OrderValues = {
      name: text(form, 'name'),
      phone: text(form, 'phone'),
      address: text(form, 'address'),
      preferredTime: text(form, 'preferredTime'),
      note: text(form, 'note'),
      idempotencyKey: text(form, 'idempotencyKey').slice(0, 100) || randomUUID(),
    };
    const failure: OrderFailure = { values, fieldErrors: {}, message: null };
    const errors = failure.fieldErrors;
    if (!values.name) errors.name = FIELD_HELP.name;
    const phone = normalizePhone(values.phone);
    if (!/^1\d{10}$/.test(phone)) errors.phone = FIELD_HELP.phone;
    if (!values.address) errors.address = FIELD_HELP.address;
    if (Array.from(values.preferredTime).length > 50) errors.preferredTime = FIELD_HELP.preferredTime;
    if (Array.from(values.note).length > 500) errors.note = FIELD_HELP.note;
    if (Object.keys(errors).length > 0) return fail(400, failure);

    const { orderService } = await api(event, ServiceOrder, {
      input: {
        offerId: event.params.id,
        name: values.name,
        phone,
        address: values.address,
        preferredTime: values.preferredTime || null,
        note: values.note || null,
        idempotencyKey: values.idempotencyKey,
      },
    });
    if (orderService.ticketCode) redirect(303, `/d/${encodeURIComponent(orderService.ticketCode)}?new=1`);
    for (const userError of orderService.userErrors) {
      const field = userError.field?.at(-1) as OrderField | undefined;
      if (field && field in FIELD_HELP && !errors[field]) errors[field] = isChinese(userError.message) ? userError.message : FIELD_HELP[field];
      else failure.message ??= isChinese(userError.message) ? userError.message : '预约没有成功，请稍后再试。';
    }
    if (!failure.message && Object.keys(errors).length === 0) failure.message = '预约没有成功，请稍后再试。';
    return fail(userErrorStatus(orderService.userErrors), failure);
  },
};

function userErrorStatus(errors: { code: string }[]): number {
  return errors.some((e) => e.code === 'SERVICE_FULL') ? 409 : 400;
}
