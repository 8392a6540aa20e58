import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { api } from '$lib/server/api';
import { savedRegistrations } from '$lib/server/device-registrations';
import { looksLikeCode, normalizeCode } from '$lib/format';
import type { PageServerLoad } from './$types';

const RegistrationLookup = graphql(`
  query RegistrationLookup($code: String!) {
    registrationByCode(code: $code) {
      code
      status
      waitlistPosition
      activity {
        id
        title
        startsAt
        endsAt
      }
    }
  }
`);

const SHOW_SAVED = 10;

/** Look a registration up by its code (a GET form, so it works without JavaScript) and list the ones made on this phone. */
export const load: PageServerLoad = async (event) => {
  const raw = event.url.searchParams.get('code');
  let lookupError: string | null = null;
  if (raw !== null) {
    const code = normalizeCode(raw);
    if (!code) {
      lookupError = '请输入确认码';
    } else if (!looksLikeCode(code)) {
      lookupError = '确认码由 8 位字母和数字组成，请核对后再输入';
    } else {
      const { registrationByCode } = await api(event, RegistrationLookup, { code });
      if (registrationByCode) redirect(303, `/r/${encodeURIComponent(registrationByCode.code)}`);
      lookupError = `没有找到确认码 ${code} 的报名，请核对后再输入`;
    }
  }

  const lookups = await Promise.allSettled(
    savedRegistrations(event.cookies)
      .slice(0, SHOW_SAVED)
      .map((saved) => api(event, RegistrationLookup, { code: saved.code })),
  );
  const saved = lookups.flatMap((result) =>
    result.status === 'fulfilled' && result.value.registrationByCode ? [result.value.registrationByCode] : [],
  );

  return { code: raw ?? '', lookupError, saved, now: new Date().toISOString() };
};
