import { error, fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { api } from '$lib/server/api';
import { isChinese } from '$lib/format';
import { looksLikeTicket, normalizeTicket } from '$lib/demand';
import type { Actions, PageServerLoad } from './$types';

const DemandTicket = graphql(`
  query DemandTicket($code: String!) {
    demandByTicket(code: $code) {
      ticketCode
      title
      category
      state
      placeText
      communityName
      createdAt
      updatedAt
      rating
      canRate
      serviceOfferTitle
      timeline {
        kind
        toState
        body
        actorRole
        createdAt
      }
    }
  }
`);

const DemandRate = graphql(`
  mutation DemandRate($input: RateDemandInput!) {
    rateDemand(input: $input) {
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const code = normalizeTicket(event.params.code);
  if (code !== event.params.code && looksLikeTicket(code)) redirect(301, `/d/${code}${event.url.search}`);
  if (!looksLikeTicket(code)) error(404, '没有找到这个受理编号');
  const { demandByTicket } = await api(event, DemandTicket, { code });
  if (!demandByTicket) error(404, '没有找到这个受理编号');
  const flash = event.url.searchParams.has('new') ? 'new' : event.url.searchParams.has('rated') ? 'rated' : null;
  return { demand: demandByTicket, flash, now: new Date().toISOString() };
};

export interface RateFailure {
  rating: string;
  comment: string;
  ratingError: string | null;
  message: string | null;
}

/** The API explains a refused rating in Chinese (already rated, not resolved yet); these read better for a few codes. */
const PROBLEM_TEXT: Record<string, string> = {
  NOT_FOUND: '没有找到这个受理编号，请核对后再试。',
  STALE: '这件事刚刚有了新进展，请看看最新情况后再评价。',
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const rating = String(form.get('rating') ?? '').trim();
    const comment = String(form.get('comment') ?? '').trim();
    const failure: RateFailure = { rating, comment, ratingError: null, message: null };
    const score = Number(rating);
    if (!rating) failure.ratingError = '请选择 1 到 5 分';
    else if (!Number.isInteger(score) || score < 1 || score > 5) failure.ratingError = '评分是 1 到 5 之间的整数';
    else if (Array.from(comment).length > 500) failure.message = '评价最多 500 个字';
    if (failure.ratingError || failure.message) return fail(400, failure);

    const code = normalizeTicket(event.params.code);
    const { rateDemand } = await api(event, DemandRate, { input: { ticketCode: code, rating: score, comment: comment || null } });
    const [userError] = rateDemand.userErrors;
    if (!userError) redirect(303, `/d/${encodeURIComponent(code)}?rated=${score}`);
    if (userError.code === 'INVALID_INPUT' && userError.field?.at(-1) === 'rating') {
      failure.ratingError = isChinese(userError.message) ? userError.message : '请选择 1 到 5 分';
    } else {
      failure.message =
        PROBLEM_TEXT[userError.code] ?? (isChinese(userError.message) ? userError.message : '评价没有成功，请稍后再试。');
    }
    return fail(409, failure);
  },
};
