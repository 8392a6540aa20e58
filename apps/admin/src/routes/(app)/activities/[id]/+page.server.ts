import { error, fail } from '@sveltejs/kit';
import { query } from '$lib/server/api';
import { formErrors } from '$lib/forms';
import { ActivityCancel, ActivityPage, ActivityPublish, DoorStaffSet, RegistrationPromote, RegistrationStaffCancel } from './queries';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/i18n';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async (event) => {
  const after = event.url.searchParams.get('after')?.slice(0, 200) || null;
  const { activity } = await query(event, ActivityPage, { id: event.params.id, first: PAGE_SIZE, after });
  if (!activity) error(404, m.act_not_found());
  const created = Number(event.url.searchParams.get('created') ?? 0);
  return { activity, after, created: Number.isInteger(created) && created > 0 ? created : 0, crumbs: { title: activity.title } };
};

type Done = { done: string };

/** A refused step: the message shown beside the button that was pressed. */
function refused(action: string, userErrors: readonly { field?: readonly string[] | null; message: string; code: string }[], fallback: string, status = 409) {
  const errors = formErrors(userErrors, { fields: [], fallback });
  return fail(status, { action, message: errors.form ?? fallback });
}

async function registrationStep(event: RequestEvent, action: 'promote' | 'staffCancel'): Promise<Done | ReturnType<typeof fail>> {
  const form = await event.request.formData();
  const id = String(form.get('registrationId') ?? '').slice(0, 200);
  if (!id) return fail(400, { action, message: m.act_pick_reg() });
  if (action === 'promote') {
    const { registrationPromote } = await query(event, RegistrationPromote, { input: { id, addSeat: form.get('addSeat') === '1' } });
    if (registrationPromote.userErrors.length > 0) return refused(action, registrationPromote.userErrors, m.act_promote_failed());
    return { done: m.act_promoted() };
  }
  if (form.get('confirm') !== 'yes') return fail(400, { action, message: m.act_confirm_first() });
  const { registrationStaffCancel } = await query(event, RegistrationStaffCancel, { input: { id } });
  if (registrationStaffCancel.userErrors.length > 0) return refused(action, registrationStaffCancel.userErrors, m.act_cancel_reg_failed());
  return { done: m.act_reg_cancelled() };
}

export const actions: Actions = {
  publish: async (event) => {
    const form = await event.request.formData();
    const { activityPublish } = await query(event, ActivityPublish, {
      input: { id: event.params.id, includeLaterOccurrences: form.get('includeLater') === '1' },
    });
    if (activityPublish.userErrors.length > 0) return refused('publish', activityPublish.userErrors, m.act_publish_failed());
    const n = activityPublish.activities?.length ?? 1;
    return { done: n > 1 ? m.act_published_n({ n }) : m.act_published() };
  },
  cancel: async (event) => {
    const form = await event.request.formData();
    if (form.get('confirm') !== 'yes') return fail(400, { action: 'cancel', message: m.act_tick_confirm() });
    const { activityCancel } = await query(event, ActivityCancel, {
      input: { id: event.params.id, includeLaterOccurrences: form.get('includeLater') === '1' },
    });
    if (activityCancel.userErrors.length > 0) return refused('cancel', activityCancel.userErrors, m.act_cancel_reg_failed());
    const n = activityCancel.activities?.length ?? 1;
    return { done: n > 1 ? m.act_cancelled_n({ n }) : m.act_cancelled() };
  },
  promote: (event) => registrationStep(event, 'promote'),
  staffCancel: (event) => registrationStep(event, 'staffCancel'),
  doorStaff: async (event) => {
    const form = await event.request.formData();
    const text = String(form.get('usernames') ?? '').slice(0, 1000);
    const usernames = text.split(/[\s,，、;；]+/).map((u) => u.trim()).filter(Boolean);
    const { activityDoorStaffSet } = await query(event, DoorStaffSet, { input: { id: event.params.id, usernames } });
    if (activityDoorStaffSet.userErrors.length > 0) {
      return fail(400, { action: 'doorStaff', message: activityDoorStaffSet.userErrors[0].message, usernames: text });
    }
    return { done: usernames.length > 0 ? m.act_door_saved() : m.act_door_cleared() };
  },
};
