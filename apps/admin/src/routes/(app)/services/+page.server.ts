import { fail } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import { communitiesOf } from '$lib/server/activity-choices';
import { query } from '$lib/server/api';
import { ServiceMenuAdmin, ServiceOfferCreate, ServiceOfferUpdate } from './queries';
import type { ServiceCategory } from '$lib/gql/graphql';
import type { Actions, PageServerLoad } from './$types';

const WRITE_ROLES = new Set(['COMMITTEE_ADMIN', 'BRANCH_SECRETARY']);
const CATEGORIES = ['REPAIR', 'HOUSEKEEPING', 'HEALTH', 'ELDERLY', 'LEGAL', 'CULTURE', 'DELIVERY', 'OTHER'];

export const load: PageServerLoad = async (event) => {
  const { viewer } = await event.parent();
  const communities = await communitiesOf(event, viewer.grants);
  const wanted = event.url.searchParams.get('community');
  const community = communities.find((c) => c.id === wanted) ?? communities[0] ?? null;
  if (!community) return { community: null, communities, offers: [], teams: [], canWrite: false };
  const data = await query(event, ServiceMenuAdmin, { communityId: community.id });
  const canWrite = viewer.grants.some((g) => WRITE_ROLES.has(g.role) && g.node.level === 'COMMUNITY' && g.node.id === community.id);
  return {
    community,
    communities,
    offers: data.serviceOffers.edges.map((e) => e.node),
    teams: data.volunteerTeams.edges.map((e) => e.node),
    canWrite,
  };
};

const FIELDS = ['title', 'category', 'description', 'schedule', 'place', 'capacityPerWeek', 'providerId'] as const;

export const actions: Actions = {
  create: async (event) => {
    const form = await event.request.formData();
    const values = Object.fromEntries(['communityId', ...FIELDS].map((k) => [k, String(form.get(k) ?? '').trim()])) as Record<string, string>;
    const fields: Record<string, string> = {};
    if (!values.title) fields.title = '请填写服务名称，如 修水电';
    if (!CATEGORIES.includes(values.category)) fields.category = '请选择类别';
    if (!values.schedule) fields.schedule = '请填写服务时间，如 每周五 9:00-11:30';
    if (!values.place) fields.place = '请填写服务地点';
    const capacity = Number(values.capacityPerWeek);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 500) fields.capacityPerWeek = '每周可接单数应为 1 到 500 的整数';
    if (!values.providerId) fields.providerId = '请选择提供服务的队伍';
    if (Object.keys(fields).length > 0) return failForm(400, values, { fields }, { action: 'create' });
    const { createServiceOffer } = await query(event, ServiceOfferCreate, {
      input: {
        communityId: values.communityId,
        title: values.title,
        category: values.category as ServiceCategory,
        description: values.description || null,
        schedule: values.schedule,
        place: values.place,
        capacityPerWeek: capacity,
        providerId: values.providerId,
      },
    });
    if (!createServiceOffer.offer) {
      return failUserErrors(createServiceOffer.userErrors, { fields: FIELDS, fallback: '没有保存成功，请稍后再试', values, extra: { action: 'create' } });
    }
    return { done: `已上架：${createServiceOffer.offer.title}` };
  },
  toggle: async (event) => {
    const form = await event.request.formData();
    const id = String(form.get('id') ?? '');
    const what = String(form.get('what') ?? '');
    if (what === 'archive' && form.get('confirm') !== 'yes') return fail(400, { message: '请先勾选确认再归档' });
    const input = what === 'archive' ? { id, archived: true } : { id, published: what === 'publish' };
    const { updateServiceOffer } = await query(event, ServiceOfferUpdate, { input });
    if (!updateServiceOffer.offer) return fail(409, { message: updateServiceOffer.userErrors[0]?.message ?? '没有保存成功，请稍后再试' });
    return { done: what === 'archive' ? '已归档' : what === 'publish' ? '已上架' : '已下架' };
  },
};
