import { fail, redirect } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import { governanceChoices } from '$lib/server/governance';
import { shanghaiToday } from '$lib/governance/time';
import type { MeetingKind } from '$lib/gql/graphql';
import { query } from '$lib/server/api';
import { ChangeScheduleDate, CreateFromSchedule, CreateMeeting, MeetingsPage } from './queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

const WRITE_ROLES = new Set(['COMMITTEE_ADMIN', 'BRANCH_SECRETARY']);
const KINDS = ['DELIBERATION', 'JOINT_CONFERENCE', 'GRID_GOVERNANCE', 'RESIDENT_TALK', 'BRANCH_ASSEMBLY', 'BRANCH_COMMITTEE', 'GROUP_MEETING', 'PARTY_LECTURE', 'THEMED_PARTY_DAY'] as const;

/** The month shown: ?month=YYYY-MM, default this month (Asia/Shanghai). */
function monthOf(param: string | null): { month: string; from: string; to: string; prev: string; next: string } {
  const month = param && /^\d{4}-(0[1-9]|1[0-2])$/.test(param) ? param : shanghaiToday().slice(0, 7);
  const [y, mo] = month.split('-').map(Number);
  const iso = (yy: number, mm: number) => new Date(Date.UTC(yy, mm - 1, 1) - 8 * 3_600_000).toISOString();
  const label = (yy: number, mm: number) => new Date(Date.UTC(yy, mm - 1, 1)).toISOString().slice(0, 7);
  return { month, from: iso(y, mo), to: iso(y, mo + 1), prev: label(y, mo - 1), next: label(y, mo + 1) };
}

export const load: PageServerLoad = async (event) => {
  const { viewer } = await event.parent();
  const grants = viewer?.grants ?? [];
  const home = grants.find((g) => g.node.level === 'COMMUNITY') ?? grants.find((g) => g.node.level === 'BRANCH') ?? grants[0];
  const range = monthOf(event.url.searchParams.get('month'));
  const after = event.url.searchParams.get('after');
  if (!home) return { empty: true as const, crumbs: { title: m.mt_title() } };
  const communityId = home.node.level === 'COMMUNITY' ? home.node.id : home.node.id;
  const [page, choices] = await Promise.all([
    query(event, MeetingsPage, { filter: { from: range.from, to: range.to }, first: 50, after, nodeId: home.node.id, communityId }),
    governanceChoices(event, grants, WRITE_ROLES),
  ]);
  return { empty: false as const, ...page, range, nodes: choices.nodes, today: shanghaiToday(), crumbs: { title: m.mt_title() } };
};

export const actions: Actions = {
  fromSchedule: async (event) => {
    const form = await event.request.formData();
    const scheduleId = String(form.get('scheduleId') ?? '');
    const originalDate = String(form.get('originalDate') ?? '');
    const { createMeetingFromSchedule } = await query(event, CreateFromSchedule, { input: { scheduleId, originalDate } });
    if (createMeetingFromSchedule.meeting) redirect(303, `/meetings/${encodeURIComponent(createMeetingFromSchedule.meeting.id)}`);
    return fail(400, { scheduleError: createMeetingFromSchedule.userErrors[0]?.message ?? m.mt_make_failed() });
  },
  changeDate: async (event) => {
    const form = await event.request.formData();
    const movedTo = String(form.get('movedTo') ?? '').trim();
    const { changeScheduleDate } = await query(event, ChangeScheduleDate, {
      input: { scheduleId: String(form.get('scheduleId') ?? ''), originalDate: String(form.get('originalDate') ?? ''), movedTo: form.get('skip') ? null : movedTo || null },
    });
    if (changeScheduleDate.schedule) return { scheduleChanged: true };
    return fail(400, { scheduleError: changeScheduleDate.userErrors[0]?.message ?? m.mt_change_failed() });
  },
  create: async (event) => {
    const form = await event.request.formData();
    const text = (n: string) => String(form.get(n) ?? '').trim();
    const values = { orgNodeId: text('orgNodeId'), kind: text('kind'), title: text('title'), date: text('date'), time: text('time') || '09:00', place: text('place') };
    const fields: Record<string, string> = {};
    if (!values.orgNodeId) fields.orgNodeId = m.mt_v_org();
    if (!(KINDS as readonly string[]).includes(values.kind)) fields.kind = m.mt_v_kind();
    if (!values.title) fields.title = m.mt_v_title();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) fields.date = m.mt_v_date();
    if (!/^\d{2}:\d{2}$/.test(values.time)) fields.time = m.mt_v_time();
    if (Object.keys(fields).length) return failForm(400, values, { fields });
    const { createMeeting } = await query(event, CreateMeeting, {
      input: { orgNodeId: values.orgNodeId, kind: values.kind as MeetingKind, title: values.title, startsAt: new Date(`${values.date}T${values.time}:00+08:00`).toISOString(), place: values.place || null },
    });
    if (createMeeting.meeting) redirect(303, `/meetings/${encodeURIComponent(createMeeting.meeting.id)}`);
    return failUserErrors(createMeeting.userErrors, { fields: ['orgNodeId', 'kind', 'title', 'startsAt', 'place'], fallback: m.mt_create_failed(), values });
  },
};
