import { error, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { failForm, failUserErrors } from '$lib/forms';
import { checkValues, EDITOR_FIELDS, editorField, readValues, updateInput, valuesOf } from '$lib/activity/editor';
import { editorChoices } from '$lib/server/activity-choices';
import { query } from '$lib/server/api';
import { ActivityUpdate } from '../../queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

const ActivityForEdit = graphql(`
  query ActivityForEdit($id: ID!) {
    activity(id: $id) {
      ...ActivityEditable
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const { activity } = await query(event, ActivityForEdit, { id: event.params.id });
  if (!activity) error(404, m.act_not_found());
  if (!activity.viewerCanUpdate) error(403, m.act_cannot_edit());
  const { viewer } = await event.parent();
  const choices = await editorChoices(event, viewer.grants);
  // the organiser stays; its community's venues and units must be on offer even if it is not one of the person's own nodes
  if (!choices.organizers.some((o) => o.id === activity.organizer.id)) {
    choices.organizers.push({ id: activity.organizer.id, name: activity.organizer.name, communityId: activity.community.id });
  }
  return {
    activity: { id: activity.id, title: activity.title, status: activity.status, recurrence: activity.recurrence },
    values: valuesOf(activity),
    choices,
    crumbs: { parents: [{ label: activity.title, href: `/activities/${encodeURIComponent(activity.id)}` }], title: m.common_edit() },
  };
};

export const actions: Actions = {
  default: async (event) => {
    const values = readValues(await event.request.formData());
    const checked = checkValues(values, 'edit');
    if (Object.keys(checked.fields).length > 0) return failForm(400, values, { fields: checked.fields });
    const { activityUpdate } = await query(event, ActivityUpdate, { input: updateInput(event.params.id, values, checked) });
    if (activityUpdate.activity) redirect(303, `/activities/${encodeURIComponent(activityUpdate.activity.id)}?saved=1`);
    return failUserErrors(activityUpdate.userErrors.map((e) => ({ ...e, field: editorField(e.field) })), {
      fields: EDITOR_FIELDS,
      fallback: m.act_save_failed(),
      values,
    });
  },
};
