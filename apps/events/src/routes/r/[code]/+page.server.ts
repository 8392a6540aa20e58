import { error, fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { api } from '$lib/server/api';
import { invalidateActivity } from '$lib/server/shared-cache';
import { isChinese, looksLikeCode, normalizeCode, normalizePhone } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

const RegistrationView = graphql(`
  query RegistrationView($code: String!) {
    registrationByCode(code: $code) {
      code
      status
      name
      phone
      waitlistPosition
      createdAt
      notifications {
        kind
        body
        createdAt
      }
      activity {
        id
        title
        status
        cancelledAt
        startsAt
        endsAt
        venue {
          id
          name
          address
        }
        organizer {
          id
          name
        }
      }
    }
  }
`);

const RegistrationCancel = graphql(`
  mutation RegistrationCancel($input: RegistrationCancelInput!) {
    registrationCancel(input: $input) {
      registration {
        code
        status
        activity {
          id
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const code = normalizeCode(event.params.code);
  if (code !== event.params.code && looksLikeCode(code)) redirect(301, `/r/${code}${event.url.search}`);
  if (!looksLikeCode(code)) error(404, '没有找到这个确认码');
  const { registrationByCode } = await api(event, RegistrationView, { code });
  if (!registrationByCode) error(404, '没有找到这个确认码');
  const flash = event.url.searchParams.has('new') ? 'new' : event.url.searchParams.has('cancelled') ? 'cancelled' : null;
  return { registration: registrationByCode, flash, now: new Date().toISOString() };
};

export interface CancelFailure {
  phone: string;
  phoneError: string | null;
  message: string | null;
}

const PROBLEM_TEXT: Record<string, string> = {
  NOT_FOUND: '手机号与报名时填写的不一致，请核对后再试。',
  REGISTRATION_CLOSED: '活动已经开始或结束，不能在网上取消了，请联系主办方。',
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const phone = String(form.get('phone') ?? '').trim();
    const failure: CancelFailure = { phone, phoneError: null, message: null };
    if (!phone) {
      failure.phoneError = '请填写报名时用的手机号';
      return fail(400, failure);
    }
    const code = normalizeCode(event.params.code);
    const { registrationCancel } = await api(event, RegistrationCancel, { input: { code, phone: normalizePhone(phone) } });
    if (registrationCancel.registration) {
      // a seat is free again (or the waiting list moved up): the shared copies of the activity are out of date
      invalidateActivity(registrationCancel.registration.activity.id);
      redirect(303, `/r/${encodeURIComponent(code)}?cancelled=1`);
    }

    const [userError] = registrationCancel.userErrors;
    if (userError?.code === 'INVALID_INPUT' && userError.field?.at(-1) === 'phone') {
      failure.phoneError = '手机号与报名时填写的不一致，请核对后再试';
    } else {
      failure.message =
        (userError && PROBLEM_TEXT[userError.code]) ??
        (isChinese(userError?.message) ? userError.message : '取消没有成功，请稍后再试。');
    }
    return fail(userError?.code === 'INVALID_INPUT' ? 400 : 409, failure);
  },
};
