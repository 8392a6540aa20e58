import { isHttpError } from '@sveltejs/kit';
import { ApiRequestError } from '@tongxin/graphql-client';
import { failForm, failUserErrors } from '$lib/forms';
import type { RegistrationStatus } from '$lib/gql/graphql';
import { query } from '$lib/server/api';
import { RegistrationCheckIn, RegistrationCheckOut } from './queries';
import type { Actions, RequestEvent } from './$types';
import { intlLocale, m } from '$lib/i18n';

export type DoorAction = 'checkIn' | 'checkOut';

/** What the door screen shows after a successful check-in or check-out. */
export interface DoorResult {
  action: DoorAction;
  name: string;
  status: RegistrationStatus;
  activityTitle: string;
  /** Start of the activity, in Beijing time, e.g. 11月23日 14:30. */
  activityTime: string;
  /** Service hours credited on check-out; null when none (the resident is not a volunteer). */
  hours: number | null;
}

const startFormat = () => new Intl.DateTimeFormat(intlLocale(), {
  timeZone: 'Asia/Shanghai',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** The longest code a worker could reasonably paste: 8 characters with spaces or dashes between. */
const MAX_CODE_INPUT = 40;

async function door(event: RequestEvent, action: DoorAction) {
  const form = await event.request.formData();
  const code = String(form.get('code') ?? '').trim();
  const refused = (status: number, message: string, values = { code }) =>
    failForm(status, values, { fields: { code: message } }, { action });
  if (!code) return refused(400, m.ci_need_code());
  if (code.length > MAX_CODE_INPUT) return refused(400, m.ci_no_code(), { code: '' });

  try {
    const input = { code };
    let payload;
    let hours: number | null = null;
    if (action === 'checkIn') {
      payload = (await query(event, RegistrationCheckIn, { input })).registrationCheckIn;
    } else {
      payload = (await query(event, RegistrationCheckOut, { input })).registrationCheckOut;
      hours = payload.serviceRecord?.hours ?? null;
    }

    if (payload.userErrors.length > 0 || !payload.registration) {
      return failUserErrors(payload.userErrors, {
        fields: ['code'],
        fallback: action === 'checkIn' ? m.ci_in_retry() : m.ci_out_retry(),
        values: { code },
        extra: { action },
      });
    }

    const registration = payload.registration;
    const result: DoorResult = {
      action,
      name: registration.name,
      status: registration.status,
      activityTitle: registration.activity.title,
      activityTime: startFormat().format(new Date(registration.activity.startsAt)),
      hours,
    };
    return { action, result };
  } catch (cause) {
    // The API reads a door the worker may not work as a missing code; a 403 would be a role without door rights.
    if (isHttpError(cause, 403)) return refused(403, m.ci_forbidden());
    if (cause instanceof ApiRequestError && cause.code === 'BAD_USER_INPUT') return refused(400, m.ci_no_code());
    throw cause;
  }
}

export const actions: Actions = {
  checkIn: (event) => door(event, 'checkIn'),
  checkOut: (event) => door(event, 'checkOut'),
};
