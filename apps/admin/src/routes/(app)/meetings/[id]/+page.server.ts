import { error } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import type { DemandCategory, MeetingStatus } from '$lib/gql/graphql';
import { query } from '$lib/server/api';
import { uploadFile } from '$lib/server/media';
import { AddAgendaItem, DecideAgendaItem, FindDemandByCode, MeetingDetail, UpdateMeeting } from './queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

const CATEGORIES = ['ENVIRONMENT', 'PROPERTY', 'SAFETY', 'NEIGHBOUR_DISPUTE', 'FACILITIES', 'ELDERLY_CARE', 'OTHER'] as const;

export const load: PageServerLoad = async (event) => {
  const { node } = await query(event, MeetingDetail, { id: event.params.id });
  if (node?.__typename !== 'Meeting') error(404, m.mt_not_found());
  return { meeting: node, crumbs: { title: node.title } };
};

export const actions: Actions = {
  /** A photo of the minutes or the sign-in sheet, attached to the meeting (as private as the meeting). */
  photo: async (event) => {
    const form = await event.request.formData();
    const file = form.get('photo');
    if (!(file instanceof File) || file.size === 0) return failForm(400, {}, { fields: { photo: m.mt_v_photo() } }, { kind: 'photo' as const });
    const result = await uploadFile(event, file, { kind: 'IMAGE', attachTo: event.params.id });
    if (!result.ok) return failForm(400, {}, { fields: { photo: result.message } }, { kind: 'photo' as const });
    return { kind: 'photo' as const, photoDone: true };
  },
  agenda: async (event) => {
    const form = await event.request.formData();
    const text = (n: string) => String(form.get(n) ?? '').trim();
    const values = { title: text('title'), ticketCode: text('ticketCode').toUpperCase().replace(/[\s-]/g, ''), newCategory: text('newCategory') };
    const fields: Record<string, string> = {};
    let demandId: string | null = null;
    if (values.ticketCode) {
      const found = await query(event, FindDemandByCode, { filter: { query: values.ticketCode } });
      const hit = found.demands.edges.find((e) => e.node.ticketCode === values.ticketCode);
      if (!hit) fields.ticketCode = m.mt_v_ticket();
      else demandId = hit.node.id;
    }
    if (!values.title && !demandId) fields.title = m.mt_v_agenda();
    if (values.newCategory && !(CATEGORIES as readonly string[]).includes(values.newCategory)) fields.newCategory = m.mt_v_category();
    if (values.newCategory && demandId) fields.newCategory = m.mt_v_category_linked();
    if (Object.keys(fields).length) return failForm(400, values, { fields });
    const { addAgendaItem } = await query(event, AddAgendaItem, {
      input: {
        meetingId: event.params.id, title: values.title || null, demandId,
        createDemand: values.newCategory ? { category: values.newCategory as DemandCategory } : null,
      },
    });
    if (addAgendaItem.meeting) return { agendaAdded: true };
    return failUserErrors(addAgendaItem.userErrors, { fields: ['title', 'ticketCode', 'newCategory'], fallback: m.mt_agenda_failed(), values });
  },
  decide: async (event) => {
    const form = await event.request.formData();
    const itemId = String(form.get('itemId') ?? '');
    const decision = String(form.get('decision') ?? '').trim();
    if (!decision) return failForm(400, { itemId, decision }, { fields: { [`decision-${itemId}`]: m.mt_v_decision() } });
    const { decideAgendaItem } = await query(event, DecideAgendaItem, { input: { itemId, decision } });
    if (decideAgendaItem.meeting) return { decided: itemId };
    return failForm(400, { itemId, decision }, { fields: { [`decision-${itemId}`]: decideAgendaItem.userErrors[0]?.message ?? m.mt_decide_failed() } });
  },
  update: async (event) => {
    const form = await event.request.formData();
    const status = String(form.get('status') ?? '');
    const minutes = String(form.get('minutes') ?? '');
    const { updateMeeting } = await query(event, UpdateMeeting, {
      input: { meetingId: event.params.id, status: ['PLANNED', 'HELD', 'CANCELLED'].includes(status) ? (status as MeetingStatus) : null, minutes },
    });
    if (updateMeeting.meeting) return { updated: true };
    return failUserErrors(updateMeeting.userErrors, { fields: ['status', 'minutes'], fallback: m.mt_save_failed(), values: { status, minutes } });
  },
};
