import { redirect } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import { checkValues, createInput, EDITOR_FIELDS, editorField, emptyValues, readValues } from '$lib/activity/editor';
import { editorChoices } from '$lib/server/activity-choices';
import { query } from '$lib/server/api';
import { ActivityCreate } from '../queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
  const { viewer } = await event.parent();
  const choices = await editorChoices(event, viewer.grants);
  return { choices, values: emptyValues(choices.organizers[0]?.id), crumbs: { title: m.act_new() } };
};

export const actions: Actions = {
  default: async (event) => {
    const values = readValues(await event.request.formData());
    const checked = checkValues(values, 'create');
    if (Object.keys(checked.fields).length > 0) return failForm(400, values, { fields: checked.fields });
    const { activityCreate } = await query(event, ActivityCreate, { input: createInput(values, checked) });
    if (activityCreate.activity) {
      const made = activityCreate.activities?.length ?? 1;
      redirect(303, `/activities/${encodeURIComponent(activityCreate.activity.id)}?created=${made}`);
    }
    return failUserErrors(activityCreate.userErrors.map((e) => ({ ...e, field: editorField(e.field) })), {
      fields: EDITOR_FIELDS,
      fallback: m.act_save_failed(),
      values,
    });
  },
};
