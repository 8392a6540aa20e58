import { fail } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import { communitiesOf } from '$lib/server/activity-choices';
import { query } from '$lib/server/api';
import { ServiceMenuAdmin, ServiceOfferCreate, ServiceOfferUpdate } from './queries';
import type { ServiceCategory } from '$lib/gql/graphql';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

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
    if (!values.title) fields.title = m.sv_v_title();
    if (!CATEGORIES.includes(values.category)) fields.category = m.sv_v_category();
    if (!values.schedule) fields.schedule = m.sv_v_schedule();
    if (!values.place) fields.place = m.sv_v_place();
    const capacity = Number(values.capacityPerWeek);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 500) fields.capacityPerWeek = m.sv_v_capacity();
    if (!values.providerId) fields.providerId = m.sv_v_provider();
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
      return failUserErrors(createServiceOffer.userErrors, { fields: FIELDS, fallback: m.sv_save_failed(), values, extra: { action: 'create' } });
    }
    return { done: m.sv_listed_title({ title: createServiceOffer.offer.title }) };
  },
  toggle: async (event) => {
    const form = await event.request.formData();
    const id = String(form.get('id') ?? '');
    const what = String(form.get('what') ?? '');
    if (what === 'archive' && form.get('confirm') !== 'yes') return fail(400, { message: m.sv_v_confirm_archive() });
    const input = what === 'archive' ? { id, archived: true } : { id, published: what === 'publish' };
    const { updateServiceOffer } = await query(event, ServiceOfferUpdate, { input });
    if (!updateServiceOffer.offer) return fail(409, { message: updateServiceOffer.userErrors[0]?.message ?? m.sv_save_failed() });
    return { done: what === 'archive' ? m.sv_archived() : what === 'publish' ? m.sv_published() : m.sv_unpublished() };
  },
};
