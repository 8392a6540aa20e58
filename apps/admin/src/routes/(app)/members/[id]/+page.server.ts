import { error, redirect } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import type { Education, Gender, MemberStatus, PositionRole } from '$lib/gql/graphql';
import { query } from '$lib/server/api';
import { MemberDetail, MemberPositionAssign, MemberPositionEnd, MemberTransferRequest, MemberTransferTargets, MemberUpdate } from '../queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
  const reveal = event.url.searchParams.get('reveal') === '1';
  const [{ node }, { memberTransferTargets }] = await Promise.all([
    query(event, MemberDetail, { id: event.params.id, reveal }),
    query(event, MemberTransferTargets, { id: event.params.id }),
  ]);
  if (!node || !('name' in node)) error(404, m.mem_not_found());
  return { member: node, revealed: reveal, targets: memberTransferTargets, crumbs: { title: node.name } };
};

const PROFILE_FIELDS = ['name', 'gender', 'status', 'joinedOn', 'fullOn', 'birthDate', 'ethnicity', 'education', 'phone', 'workUnit', 'mobileLocation', 'mobileUntil'] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

function texts<F extends string>(form: FormData, fields: readonly F[]): Record<F, string> {
  return Object.fromEntries(fields.map((f) => [f, String(form.get(f) ?? '').trim()])) as Record<F, string>;
}

export const actions: Actions = {
  update: async (event) => {
    const values = texts(await event.request.formData(), PROFILE_FIELDS);
    const { memberUpdate } = await query(event, MemberUpdate, {
      input: {
        id: event.params.id,
        name: values.name,
        gender: (values.gender || null) as Gender | null,
        status: (values.status || null) as MemberStatus | null,
        joinedOn: values.joinedOn,
        fullOn: values.fullOn,
        birthDate: values.birthDate,
        ethnicity: values.ethnicity,
        education: (values.education || null) as Education | null,
        // the masked number shown in the form means "unchanged"
        phone: values.phone.includes('*') ? null : values.phone,
        workUnit: values.workUnit,
        mobileLocation: values.mobileLocation,
        mobileUntil: values.mobileUntil,
      },
    });
    if (!memberUpdate.member) {
      return failUserErrors<ProfileField, typeof values>(memberUpdate.userErrors, { fields: PROFILE_FIELDS, values, fallback: m.mem_save_failed(), extra: { form: 'update' as const } });
    }
    return { saved: 'update' as const };
  },
  assign: async (event) => {
    const values = texts(await event.request.formData(), ['orgNodeId', 'role', 'since'] as const);
    if (!values.role) return failForm(400, values, { fields: { role: m.mem_pick_role() } }, { form: 'assign' as const });
    const { memberPositionAssign } = await query(event, MemberPositionAssign, {
      input: { memberId: event.params.id, orgNodeId: values.orgNodeId, role: values.role as PositionRole, since: values.since || null },
    });
    if (!memberPositionAssign.position) {
      return failUserErrors(memberPositionAssign.userErrors, { fields: ['orgNodeId', 'role', 'since'] as const, values, fallback: m.mem_appoint_failed(), extra: { form: 'assign' as const } });
    }
    return { saved: 'assign' as const };
  },
  end: async (event) => {
    const values = texts(await event.request.formData(), ['positionId', 'until'] as const);
    const { memberPositionEnd } = await query(event, MemberPositionEnd, { input: { positionId: values.positionId, until: values.until || null } });
    if (!memberPositionEnd.position) {
      return failUserErrors(memberPositionEnd.userErrors, { fields: ['until'] as const, values, fallback: m.common_failed(), extra: { form: 'end' as const } });
    }
    return { saved: 'end' as const };
  },
  transfer: async (event) => {
    const values = texts(await event.request.formData(), ['kind', 'toBranchId', 'outsideOrganization', 'note'] as const);
    const kind = values.kind === 'OUT' ? 'OUT' : 'INTERNAL';
    const { memberTransferRequest } = await query(event, MemberTransferRequest, {
      input: { kind, memberId: event.params.id, toBranchId: kind === 'INTERNAL' ? values.toBranchId || null : null, outsideOrganization: kind === 'OUT' ? values.outsideOrganization : null, note: values.note },
    });
    if (!memberTransferRequest.transfer) {
      return failUserErrors(memberTransferRequest.userErrors, { fields: ['toBranchId', 'outsideOrganization', 'note', 'memberId'] as const, values, fallback: m.mem_request_failed(), extra: { form: 'transfer' as const } });
    }
    redirect(303, '/members/transfers');
  },
};
