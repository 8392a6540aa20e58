import { fail } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import { communitiesOf } from '$lib/server/activity-choices';
import { query } from '$lib/server/api';
import { RecognitionCreate, RecognitionDelete, VolunteerChoices, VolunteersPage } from './queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

const PAGE_SIZE = 20;
const WRITE_ROLES = new Set(['COMMITTEE_ADMIN', 'BRANCH_SECRETARY']);

function beijingYear(): number {
  return new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
}

export const load: PageServerLoad = async (event) => {
  const { viewer } = await event.parent();
  const communities = await communitiesOf(event, viewer.grants);
  const wanted = event.url.searchParams.get('community');
  const community = communities.find((c) => c.id === wanted) ?? communities[0] ?? null;
  const thisYear = beijingYear();
  const asked = Number(event.url.searchParams.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= thisYear + 1 ? asked : thisYear;
  const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, 20);
  const after = event.url.searchParams.get('after')?.slice(0, 200) || null;
  if (!community) return { community: null, communities, year, years: [thisYear], q, after, page: null, choices: [], canWrite: false };
  const [page, choices] = await Promise.all([
    query(event, VolunteersPage, { communityId: community.id, year, first: PAGE_SIZE, after, search: q || null }),
    query(event, VolunteerChoices, { communityId: community.id }),
  ]);
  const canWrite = viewer.grants.some((g) => WRITE_ROLES.has(g.role) && g.node.level === 'COMMUNITY' && g.node.id === community.id);
  return {
    community,
    communities,
    year,
    years: Array.from({ length: 5 }, (_, i) => thisYear - i),
    q,
    after,
    page,
    choices: choices.volunteers.edges.map((e) => e.node),
    canWrite,
  };
};

export const actions: Actions = {
  recognize: async (event) => {
    const form = await event.request.formData();
    const values = {
      communityId: String(form.get('communityId') ?? ''),
      year: String(form.get('year') ?? ''),
      title: String(form.get('title') ?? '').trim(),
      volunteerId: String(form.get('volunteerId') ?? ''),
      citation: String(form.get('citation') ?? '').trim(),
    };
    const fields: Record<string, string> = {};
    if (!values.title) fields.title = m.vol_v_title();
    if (!values.volunteerId) fields.volunteerId = m.vol_v_volunteer();
    const year = Number(values.year);
    if (!Number.isInteger(year)) fields.year = m.vol_v_year();
    if (Object.keys(fields).length > 0) return failForm(400, values, { fields }, { action: 'recognize' });
    const { recognitionCreate } = await query(event, RecognitionCreate, {
      input: { communityId: values.communityId, year, title: values.title, volunteerId: values.volunteerId, citation: values.citation || null },
    });
    if (!recognitionCreate.recognition) {
      return failUserErrors(recognitionCreate.userErrors, {
        fields: ['title', 'volunteerId', 'year', 'citation'] as const,
        fallback: m.vol_save_failed(),
        values,
        extra: { action: 'recognize' },
      });
    }
    return { done: m.vol_recognized({ title: values.title }) };
  },
  unrecognize: async (event) => {
    const form = await event.request.formData();
    if (form.get('confirm') !== 'yes') return fail(400, { action: 'unrecognize', message: m.vol_confirm_first() });
    const { recognitionDelete } = await query(event, RecognitionDelete, { input: { id: String(form.get('id') ?? '') } });
    if (recognitionDelete.userErrors.length > 0) return fail(409, { action: 'unrecognize', message: recognitionDelete.userErrors[0].message });
    return { done: m.vol_revoked() };
  },
};
