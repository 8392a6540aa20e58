import { error } from '@sveltejs/kit';
import { failForm } from '$lib/forms';
import { query } from '$lib/server/api';
import { uploadFile } from '$lib/server/media';
import { VisitDetail } from './queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

/** Roles that record visits and so add their photos (the API's Visit write rule decides per visit). */
const VISIT_ROLES = new Set(['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER']);

export const load: PageServerLoad = async (event) => {
  const { node } = await query(event, VisitDetail, { id: event.params.id });
  if (node?.__typename !== 'Visit') error(404, m.vs_not_found());
  const { viewer } = await event.parent();
  const canAddPhotos = (viewer?.grants ?? []).some((g) => VISIT_ROLES.has(g.role));
  return { visit: node, canAddPhotos, crumbs: { title: node.household?.address ?? node.place ?? m.vs_title_short() } };
};

export const actions: Actions = {
  /** A photo taken on the visit, attached to it (as private as the visit; the API strips its location). */
  photo: async (event) => {
    const form = await event.request.formData();
    const file = form.get('photo');
    if (!(file instanceof File) || file.size === 0) return failForm(400, {}, { fields: { photo: m.vs_v_photo() } }, { kind: 'photo' as const });
    const result = await uploadFile(event, file, { kind: 'IMAGE', attachTo: event.params.id });
    if (!result.ok) return failForm(400, {}, { fields: { photo: result.message } }, { kind: 'photo' as const });
    return { kind: 'photo' as const, photoDone: true };
  },
};
