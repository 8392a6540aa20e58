import { redirect } from '@sveltejs/kit';
import { failUserErrors } from '$lib/forms';
import type { Education, Gender, MemberStatus } from '$lib/gql/graphql';
import { query } from '$lib/server/api';
import { rostersOf } from '$lib/member/rosters.server';
import { MemberCreate } from '../queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
  const { viewer } = await event.parent();
  const writable = viewer.grants.filter((g) => g.role === 'COMMITTEE_ADMIN' || g.role === 'BRANCH_SECRETARY');
  return { rosters: await rostersOf(event, writable), preset: event.url.searchParams.get('branch') ?? '', crumbs: { title: m.mem_new() } };
};

const FIELDS = ['branchId', 'name', 'gender', 'status', 'joinedOn', 'fullOn', 'birthDate', 'ethnicity', 'education', 'phone', 'workUnit', 'mobileLocation', 'mobileUntil'] as const;
type Field = (typeof FIELDS)[number];

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? '').trim()])) as Record<Field, string>;
    const opt = (v: string) => v || null;
    const { memberCreate } = await query(event, MemberCreate, {
      input: {
        branchId: values.branchId,
        name: values.name,
        gender: (values.gender || 'MALE') as Gender,
        status: (values.status || 'FULL') as MemberStatus,
        joinedOn: opt(values.joinedOn),
        fullOn: opt(values.fullOn),
        birthDate: opt(values.birthDate),
        ethnicity: opt(values.ethnicity),
        education: opt(values.education) as Education | null,
        phone: opt(values.phone),
        workUnit: opt(values.workUnit),
        mobileLocation: opt(values.mobileLocation),
        mobileUntil: opt(values.mobileUntil),
      },
    });
    if (!memberCreate.member) return failUserErrors<Field, typeof values>(memberCreate.userErrors, { fields: FIELDS, values, fallback: m.mem_save_failed() });
    redirect(303, `/members/${encodeURIComponent(memberCreate.member.id)}`);
  },
};
