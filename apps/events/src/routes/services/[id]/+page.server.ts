import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { api } from '$lib/server/api';
import { applyUserErrors, hasFieldErrors, mobilePhone, PHONE_HELP, readResidentForm, type ResidentFormFailure } from '$lib/server/resident-form';
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
export type OrderFailure = ResidentFormFailure<OrderField>;

const FIELD_HELP: Record<OrderField, string> = {
  name: '请填写您的称呼，方便服务人员联系',
  phone: PHONE_HELP,
  address: '请填写服务地址，例如小区、楼栋、单元和门牌号',
  preferredTime: '希望时间最多 50 个字',
  note: '补充说明最多 500 个字',
};

export const load: PageServerLoad = async (event) => {
  const { node } = await api(event, ServiceOfferPage, { id: event.params.id });
  if (!node || node.__typename !== 'ServiceOffer' || !node.published || node.archived) error(404, '没有找到这项服务，或它已下架');
  return { offer: node, idempotencyKey: randomUUID() };
};

export const actions: Actions = {
  default: async (event) => {
    const failure = await readResidentForm(event.request, Object.keys(FIELD_HELP) as OrderField[]);
    const { values, fieldErrors: errors } = failure;
    if (!values.name) errors.name = FIELD_HELP.name;
    const phone = mobilePhone(values.phone);
    if (!phone) errors.phone = FIELD_HELP.phone;
    if (!values.address) errors.address = FIELD_HELP.address;
    if (Array.from(values.preferredTime).length > 50) errors.preferredTime = FIELD_HELP.preferredTime;
    if (Array.from(values.note).length > 500) errors.note = FIELD_HELP.note;
    if (!phone || hasFieldErrors(failure)) return fail(400, failure);

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
    applyUserErrors(failure, orderService.userErrors, { help: FIELD_HELP, fallback: '预约没有成功，请稍后再试。' });
    return fail(userErrorStatus(orderService.userErrors), failure);
  },
};

function userErrorStatus(errors: { code: string }[]): number {
  return errors.some((e) => e.code === 'SERVICE_FULL') ? 409 : 400;
}
