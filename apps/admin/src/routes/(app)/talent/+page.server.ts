import { fail } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import { communitiesOf } from '$lib/server/activity-choices';
import { query } from '$lib/server/api';
import type { ApplicantStatus } from '$lib/gql/graphql';
import { TalentCallCreate, TalentPage, TalentPlace, TalentReview, TalentTeamCreate } from './queries';
import type { Actions, PageServerLoad } from './$types';

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
  if (!community) return { community: null, communities, filter, data: null, canWrite: false };
  const data = await query(event, TalentPage, { communityId: community.id, ...filter, first: 20, after });
  const canWrite = viewer.grants.some((g) => WRITE_ROLES.has(g.role) && g.node.level === 'COMMUNITY' && g.node.id === community.id);
  return { community, communities, filter, data, canWrite };
};

const str = (form: FormData, k: string) => String(form.get(k) ?? '').trim();

export const actions: Actions = {
  review: async (event) => {
    const form = await event.request.formData();
    const applicantId = str(form, 'applicantId');
    const decision = str(form, 'decision') === 'REJECT' ? 'REJECT' : 'APPROVE';
    const teamId = str(form, 'teamId');
    const note = str(form, 'note');
    if (decision === 'APPROVE' && !teamId) return fail(400, { applicantId, message: '通过时请选择编入的人才队伍' });
    if (decision === 'REJECT' && !note) return fail(400, { applicantId, message: '不通过时请填写审核意见' });
    const { reviewTalentApplicant } = await query(event, TalentReview, { input: { applicantId, decision, teamId: teamId || null, note: note || null } });
    if (!reviewTalentApplicant.applicant) return fail(409, { applicantId, message: reviewTalentApplicant.userErrors[0]?.message ?? '没有保存成功，请稍后再试' });
    return { done: decision === 'APPROVE' ? '已通过，编入人才队伍并加入志愿者名册' : '已记录为未通过' };
  },
  place: async (event) => {
    const form = await event.request.formData();
    const applicantId = str(form, 'applicantId');
    const { placeTalentApplicant } = await query(event, TalentPlace, { input: { applicantId, teamId: str(form, 'teamId') } });
    if (!placeTalentApplicant.applicant) return fail(409, { applicantId, message: placeTalentApplicant.userErrors[0]?.message ?? '没有保存成功' });
    return { done: '已调整队伍' };
  },
  call: async (event) => {
    const form = await event.request.formData();
    const values = { communityId: str(form, 'communityId'), title: str(form, 'title'), body: str(form, 'body'), skillsWanted: str(form, 'skillsWanted'), opensOn: str(form, 'opensOn'), closesOn: str(form, 'closesOn') };
    const fields: Record<string, string> = {};
    if (!values.title) fields.title = '请填写招募令标题';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.opensOn)) fields.opensOn = '请选择开始日期';
    if (Object.keys(fields).length) return failForm(400, values, { fields }, { action: 'call' });
    const { createRecruitmentCall } = await query(event, TalentCallCreate, {
      input: {
        communityId: values.communityId,
        title: values.title,
        body: values.body || null,
        skillsWanted: values.skillsWanted.split(/[,，、\s]+/).filter(Boolean),
        opensOn: values.opensOn,
        closesOn: values.closesOn || null,
      },
    });
    if (!createRecruitmentCall.call) {
      return failUserErrors(createRecruitmentCall.userErrors, { fields: ['title', 'body', 'skillsWanted', 'opensOn', 'closesOn'] as const, fallback: '没有保存成功', values, extra: { action: 'call' } });
    }
    return { done: `已发布招募令：${createRecruitmentCall.call.title}` };
  },
  team: async (event) => {
    const form = await event.request.formData();
    const values = { communityId: str(form, 'communityId'), name: str(form, 'name'), focus: str(form, 'focus') };
    if (!values.name) return failForm(400, values, { fields: { name: '请填写队伍名称' } }, { action: 'team' });
    const { createTalentTeam } = await query(event, TalentTeamCreate, { input: { communityId: values.communityId, name: values.name, focus: values.focus || null } });
    if (!createTalentTeam.team) return failUserErrors(createTalentTeam.userErrors, { fields: ['name', 'focus'] as const, fallback: '没有保存成功', values, extra: { action: 'team' } });
    return { done: `已新建队伍：${createTalentTeam.team.name}` };
  },
};
