import { error, fail } from '@sveltejs/kit';
import { query } from '$lib/server/api';
import { formErrors } from '$lib/forms';
import { ActivityCancel, ActivityPage, ActivityPublish, DoorStaffSet, RegistrationPromote, RegistrationStaffCancel } from './queries';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async (event) => {
  const after = event.url.searchParams.get('after')?.slice(0, 200) || null;
  const { activity } = await query(event, ActivityPage, { id: event.params.id, first: PAGE_SIZE, after });
  if (!activity) error(404, '找不到该活动，或您无权查看');
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
  if (!id) return fail(400, { action, message: '请选择报名' });
  if (action === 'promote') {
    const { registrationPromote } = await query(event, RegistrationPromote, { input: { id, addSeat: form.get('addSeat') === '1' } });
    if (registrationPromote.userErrors.length > 0) return refused(action, registrationPromote.userErrors, '转正没有成功，请刷新后重试');
    return { done: '已转为正式报名，并已通知本人' };
  }
  if (form.get('confirm') !== 'yes') return fail(400, { action, message: '请先确认取消' });
  const { registrationStaffCancel } = await query(event, RegistrationStaffCancel, { input: { id } });
  if (registrationStaffCancel.userErrors.length > 0) return refused(action, registrationStaffCancel.userErrors, '取消没有成功，请刷新后重试');
  return { done: '已取消该报名；空出的名额已按顺序给候补居民' };
}

export const actions: Actions = {
  publish: async (event) => {
    const form = await event.request.formData();
    const { activityPublish } = await query(event, ActivityPublish, {
      input: { id: event.params.id, includeLaterOccurrences: form.get('includeLater') === '1' },
    });
    if (activityPublish.userErrors.length > 0) return refused('publish', activityPublish.userErrors, '发布没有成功，请刷新后重试');
    const n = activityPublish.activities?.length ?? 1;
    return { done: n > 1 ? `已发布 ${n} 场活动，居民可以报名了` : '已发布，居民可以报名了' };
  },
  cancel: async (event) => {
    const form = await event.request.formData();
    if (form.get('confirm') !== 'yes') return fail(400, { action: 'cancel', message: '请勾选“确认取消”后再提交' });
    const { activityCancel } = await query(event, ActivityCancel, {
      input: { id: event.params.id, includeLaterOccurrences: form.get('includeLater') === '1' },
    });
    if (activityCancel.userErrors.length > 0) return refused('cancel', activityCancel.userErrors, '取消没有成功，请刷新后重试');
    const n = activityCancel.activities?.length ?? 1;
    return { done: `已取消${n > 1 ? ` ${n} 场活动` : '活动'}；已报名的居民会收到通知，报名凭证页显示“活动已取消”` };
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
    return { done: usernames.length > 0 ? '签到人员已更新' : '已清除指定的签到人员' };
  },
};
