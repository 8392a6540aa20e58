import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { api } from '$lib/server/api';
import { looksLikeTicket, normalizeTicket } from '$lib/demand';
import type { PageServerLoad } from './$types';

const DemandLookup = graphql(`
  query DemandLookup($code: String!) {
    demandByTicket(code: $code) {
      ticketCode
    }
  }
`);

/** Look a demand up by its ticket code: a GET form, so it works without JavaScript. */
export const load: PageServerLoad = async (event) => {
  const raw = event.url.searchParams.get('code');
  let lookupError: string | null = null;
  if (raw !== null) {
    const code = normalizeTicket(raw);
    if (!code) {
      lookupError = '请输入受理编号';
    } else if (!looksLikeTicket(code)) {
      lookupError = '受理编号由字母和数字组成，请核对后再输入';
    } else {
      const { demandByTicket } = await api(event, DemandLookup, { code });
      if (demandByTicket) redirect(303, `/d/${encodeURIComponent(demandByTicket.ticketCode)}`);
      lookupError = `没有找到受理编号 ${code}，请核对后再输入`;
    }
  }
  return { code: raw ?? '', lookupError };
};
