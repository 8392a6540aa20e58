import { error, fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { api, publicApi } from '$lib/server/api';
import { invalidateActivity } from '$lib/server/shared-cache';
import { saveRegistration, savedRegistrations } from '$lib/server/device-registrations';
import { isChinese, normalizePhone } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

const ActivityDetail = graphql(`
  query ActivityDetail($id: ID!) {
    activity(id: $id) {
      ...ActivityCard
      description
      recurrence
      coverImageUrl
      confirmedCount
      waitlistCount
      registrationClosesAt
      venue {
        id
        name
        address
      }
      coHosts {
        id
        name
      }
    }
  }
`);

const RegistrationCreate = graphql(`
  mutation RegistrationCreate($input: RegistrationCreateInput!) {
    registrationCreate(input: $input) {
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
  const { activity } = await publicApi(event, ActivityDetail, { id: event.params.id }, (answer) => [
    event.params.id,
    answer.activity?.id,
  ]);
  if (!activity) error(404, '活动不存在，或已经下线');
  return {
    activity,
    savedCode: savedRegistrations(event.cookies).find((r) => r.activityId === activity.id)?.code ?? null,
    now: new Date().toISOString(),
  };
};

type Field = 'name' | 'phone';

export interface SignUpFailure {
  values: { name: string; phone: string };
  fieldErrors: Partial<Record<Field, string>>;
  /** The API's userErrors code that is not about one field, e.g. ACTIVITY_FULL. */
  problem: string | null;
  message: string | null;
}

const FIELD_HELP: Record<Field, string> = {
  name: '请填写报名人的真实姓名',
  phone: '请填写 11 位中国大陆手机号，例如 13812345678',
};

const PROBLEM_TEXT: Record<string, string> = {
  ACTIVITY_FULL: '名额已经报满了。可以加入候补名单：有人取消时，按先后顺序递补。',
  ALREADY_REGISTERED: '这个手机号已经报名了本活动，不需要重复报名。',
  REGISTRATION_CLOSED: '本活动现在不接受报名：报名已截止，或还没有开始。',
  NOT_FOUND: '活动不存在，或已经下线。',
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const values = { name: String(form.get('name') ?? '').trim(), phone: String(form.get('phone') ?? '').trim() };
    const joinWaitlist = form.get('joinWaitlist') === 'true';

    const failure: SignUpFailure = { values, fieldErrors: {}, problem: null, message: null };
    if (!values.name) failure.fieldErrors.name = '请填写姓名';
    if (!values.phone) failure.fieldErrors.phone = '请填写手机号';
    if (failure.fieldErrors.name || failure.fieldErrors.phone) return fail(400, failure);

    const { registrationCreate } = await api(event, RegistrationCreate, {
      input: { activityId: event.params.id, name: values.name, phone: normalizePhone(values.phone), joinWaitlist },
    });
    const { registration, userErrors } = registrationCreate;
    // Whatever the answer (signed up, full, closed), the shared copies of this activity may now show old
    // seat counts: drop them so the next page shows what the API just counted.
    invalidateActivity(event.params.id, registration?.activity.id);
    if (registration) {
      saveRegistration(event.cookies, event.url, { code: registration.code, activityId: event.params.id });
      redirect(303, `/r/${encodeURIComponent(registration.code)}?new=1`);
    }

    for (const userError of userErrors) {
      const field = userError.field?.at(-1);
      if (userError.code === 'INVALID_INPUT' && (field === 'name' || field === 'phone')) {
        failure.fieldErrors[field] = isChinese(userError.message) ? userError.message : FIELD_HELP[field];
      } else if (!failure.problem) {
        failure.problem = userError.code;
        failure.message =
          PROBLEM_TEXT[userError.code] ?? (isChinese(userError.message) ? userError.message : '报名没有成功，请稍后再试。');
      }
    }
    if (!failure.problem && !failure.fieldErrors.name && !failure.fieldErrors.phone) {
      failure.problem = 'UNKNOWN';
      failure.message = '报名没有成功，请稍后再试。';
    }
    return fail(failure.problem ? 409 : 400, failure);
  },
};
