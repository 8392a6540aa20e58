import { fail } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import { communitiesOf } from '$lib/server/activity-choices';
import { query } from '$lib/server/api';
import type { ApplicantStatus } from '$lib/gql/graphql';
import { TalentCallCreate, TalentPage, TalentPlace, TalentReview, TalentTeamCreate } from './queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

const WRITE_ROLES = new Set(['COMMITTEE_ADMIN', 'BRANCH_SECRETARY']);
const STATUSES = ['PENDING', 'APPROVED', 'REJECTED'];

export const load: PageServerLoad = async (event) => {
  const { viewer } = await event.parent();
  const communities = await communitiesOf(event, viewer.grants);
  const q = event.url.searchParams;
  const community = communities.find((c) => c.id === q.get('community')) ?? communities[0] ?? null;
  const status = STATUSES.includes(q.get('status') ?? '') ? (q.get('status') as ApplicantStatus) : null;
  const filter = {
    callId: q.get('call') || null,
    status,
    skill: (q.get('skill') ?? '').trim().slice(0, 20) || null,
    building: (q.get('building') ?? '').trim().slice(0, 50) || null,
  };
  const after = q.get('after')?.slice(0, 200) || null;
  if (!community) return { community: null, communities, filter, data: null, canWrite: false, exportHref: null };
  // the applicants this search shows, as a spreadsheet
  const exportQuery = new URLSearchParams({ community: community.id });
  for (const [k, v] of [['call', filter.callId], ['status', filter.status], ['skill', filter.skill], ['building', filter.building]] as const) if (v) exportQuery.set(k, v);
  const exportHref = `/export/talent.xlsx?${exportQuery}`;
  const data = await query(event, TalentPage, { communityId: community.id, ...filter, first: 20, after });
  const canWrite = viewer.grants.some((g) => WRITE_ROLES.has(g.role) && g.node.level === 'COMMUNITY' && g.node.id === community.id);
  return { community, communities, filter, data, canWrite, exportHref };
};

const str = (form: FormData, k: string) => String(form.get(k) ?? '').trim();

export const actions: Actions = {
  review: async (event) => {
    const form = await event.request.formData();
    const applicantId = str(form, 'applicantId');
    const decision = str(form, 'decision') === 'REJECT' ? 'REJECT' : 'APPROVE';
    const teamId = str(form, 'teamId');
    const note = str(form, 'note');
    if (decision === 'APPROVE' && !teamId) return fail(400, { applicantId, message: m.tl_v_team() });
    if (decision === 'REJECT' && !note) return fail(400, { applicantId, message: m.tl_v_note() });
    const { reviewTalentApplicant } = await query(event, TalentReview, { input: { applicantId, decision, teamId: teamId || null, note: note || null } });
    if (!reviewTalentApplicant.applicant) return fail(409, { applicantId, message: reviewTalentApplicant.userErrors[0]?.message ?? m.sv_save_failed() });
    return { done: decision === 'APPROVE' ? m.tl_approved() : m.tl_rejected() };
  },
  place: async (event) => {
    const form = await event.request.formData();
    const applicantId = str(form, 'applicantId');
    const { placeTalentApplicant } = await query(event, TalentPlace, { input: { applicantId, teamId: str(form, 'teamId') } });
    if (!placeTalentApplicant.applicant) return fail(409, { applicantId, message: placeTalentApplicant.userErrors[0]?.message ?? m.tl_save_failed() });
    return { done: m.tl_moved() };
  },
  call: async (event) => {
    const form = await event.request.formData();
    const values = { communityId: str(form, 'communityId'), title: str(form, 'title'), body: str(form, 'body'), skillsWanted: str(form, 'skillsWanted'), opensOn: str(form, 'opensOn'), closesOn: str(form, 'closesOn') };
    const fields: Record<string, string> = {};
    if (!values.title) fields.title = m.tl_v_title();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.opensOn)) fields.opensOn = m.tl_v_opens();
    if (Object.keys(fields).length) return failForm(400, values, { fields }, { action: 'call' });
    const { createRecruitmentCall } = await query(event, TalentCallCreate, {
      input: {
        communityId: values.communityId,
        title: values.title,
        body: values.body || null,
        skillsWanted: values.skillsWanted.split(/[,\uFF0C\u3001\s]+/).filter(Boolean),
        opensOn: values.opensOn,
        closesOn: values.closesOn || null,
      },
    });
    if (!createRecruitmentCall.call) {
      return failUserErrors(createRecruitmentCall.userErrors, { fields: ['title', 'body', 'skillsWanted', 'opensOn', 'closesOn'] as const, fallback: m.tl_save_failed(), values, extra: { action: 'call' } });
    }
    return { done: m.tl_call_published({ title: createRecruitmentCall.call.title }) };
  },
  team: async (event) => {
    const form = await event.request.formData();
    const values = { communityId: str(form, 'communityId'), name: str(form, 'name'), focus: str(form, 'focus') };
    if (!values.name) return failForm(400, values, { fields: { name: m.tl_v_team_name() } }, { action: 'team' });
    const { createTalentTeam } = await query(event, TalentTeamCreate, { input: { communityId: values.communityId, name: values.name, focus: values.focus || null } });
    if (!createTalentTeam.team) return failUserErrors(createTalentTeam.userErrors, { fields: ['name', 'focus'] as const, fallback: m.tl_save_failed(), values, extra: { action: 'team' } });
    return { done: m.tl_team_created({ name: createTalentTeam.team.name }) };
  },
};
