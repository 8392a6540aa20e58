import { fail } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import { governanceChoices } from '$lib/server/governance';
import type { HazardAction, HazardKind, HazardState, PatrolKind } from '$lib/gql/graphql';
import { query } from '$lib/server/api';
import { uploadFile } from '$lib/server/media';
import { HazardBoard, RecordPatrol, ReportHazard, TransitionHazard } from './queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

const WORK_ROLES = new Set(['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER']);
const KINDS = ['FIRE', 'EBIKE_CHARGING', 'BILLBOARD', 'STRUCTURE', 'ELECTRICAL', 'RIVER', 'OTHER'] as const;
const STATES = ['FOUND', 'ASSIGNED', 'FIXED', 'VERIFIED', 'REJECTED'] as const;

export const load: PageServerLoad = async (event) => {
  const { viewer } = await event.parent();
  const grants = viewer?.grants ?? [];
  const home = grants.find((g) => g.node.level === 'COMMUNITY') ?? grants.find((g) => g.node.level === 'BRANCH');
  if (!home) return { empty: true as const, crumbs: { title: m.hz_title() } };
  const state = event.url.searchParams.get('state');
  const open = state === 'open' || state == null;
  const states = open ? (['FOUND', 'ASSIGNED'] as HazardState[]) : (STATES as readonly string[]).includes(state ?? '') ? [state as HazardState] : null;
  const now = new Date();
  const yearStart = new Date(Date.UTC(new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear(), 0, 1) - 8 * 3_600_000);
  const [board, choices] = await Promise.all([
    query(event, HazardBoard, { filter: { orgNodeId: home.node.id, states }, nodeId: home.node.id, from: yearStart.toISOString(), to: now.toISOString() }),
    governanceChoices(event, grants, WORK_ROLES),
  ]);
  return { empty: false as const, ...board, state: state ?? 'open', nodes: choices.nodes, crumbs: { title: m.hz_title() } };
};

export const actions: Actions = {
  report: async (event) => {
    const form = await event.request.formData();
    const text = (n: string) => String(form.get(n) ?? '').trim();
    const values = { orgNodeId: text('orgNodeId'), kind: text('kind'), title: text('title'), place: text('place'), deadline: text('deadline') };
    const photo = form.get('photo');
    const fields: Record<string, string> = {};
    if (!values.orgNodeId) fields.orgNodeId = m.hz_e_org();
    if (!(KINDS as readonly string[]).includes(values.kind)) fields.kind = m.hz_e_kind();
    if (!values.title) fields.title = m.hz_e_title();
    if (!values.place) fields.place = m.hz_e_place();
    if (Object.keys(fields).length) return failForm(400, values, { fields });
    const { reportHazard } = await query(event, ReportHazard, {
      input: { orgNodeId: values.orgNodeId, kind: values.kind as HazardKind, title: values.title, place: values.place, deadline: values.deadline || null },
    });
    if (reportHazard.hazard) {
      // the photo taken on the spot goes up once the hazard exists; if it fails, the hazard stays reported and says so
      if (!(photo instanceof File) || photo.size === 0) return { reported: true };
      const upload = await uploadFile(event, photo, { kind: 'IMAGE', attachTo: reportHazard.hazard.id });
      return upload.ok ? { reported: true } : { reported: true, photoError: upload.message, hazardId: reportHazard.hazard.id };
    }
    return failUserErrors(reportHazard.userErrors, { fields: ['orgNodeId', 'kind', 'title', 'place', 'deadline'], fallback: m.hz_e_failed(), values });
  },
  step: async (event) => {
    const form = await event.request.formData();
    const { transitionHazard } = await query(event, TransitionHazard, {
      input: {
        hazardId: String(form.get('hazardId') ?? ''), action: String(form.get('action') ?? '') as HazardAction, expectedVersion: Number(form.get('version') ?? 0),
        assignee: String(form.get('assignee') ?? '') || null, deadline: String(form.get('deadline') ?? '') || null, note: String(form.get('note') ?? '') || null,
      },
    });
    if (transitionHazard.hazard) return { stepped: transitionHazard.hazard.state };
    return fail(400, { stepError: transitionHazard.userErrors[0]?.message ?? m.hz_e_step_failed(), hazardId: String(form.get('hazardId') ?? '') });
  },
  /** A photo of one hazard on the board (before or after the fix), attached to it as private as the hazard. */
  photo: async (event) => {
    const form = await event.request.formData();
    const hazardId = String(form.get('hazardId') ?? '');
    const file = form.get('photo');
    const extra = { kind: 'photo' as const, hazardId };
    if (!(file instanceof File) || file.size === 0) return failForm(400, {}, { fields: { photo: m.media_e_no_photo() } }, extra);
    const result = await uploadFile(event, file, { kind: 'IMAGE', attachTo: hazardId });
    if (!result.ok) return failForm(400, {}, { fields: { photo: result.message } }, extra);
    return { ...extra, photoDone: true };
  },
  patrol: async (event) => {
    const form = await event.request.formData();
    const text = (n: string) => String(form.get(n) ?? '').trim();
    const values = { orgNodeId: text('orgNodeId'), kind: text('kind'), route: text('route'), patrollers: text('patrollers'), billboardsChecked: text('billboardsChecked'), notes: text('notes') };
    const fields: Record<string, string> = {};
    if (!values.route) fields.route = m.hz_e_route();
    if (!values.patrollers) fields.patrollers = m.hz_e_patrollers();
    if (Object.keys(fields).length) return failForm(400, values, { fields });
    const { recordPatrol } = await query(event, RecordPatrol, {
      input: { orgNodeId: values.orgNodeId, kind: (values.kind || 'RIVER') as PatrolKind, route: values.route, patrollers: values.patrollers, billboardsChecked: values.billboardsChecked ? Number(values.billboardsChecked) : 0, notes: values.notes || null },
    });
    if (recordPatrol.patrol) return { patrolled: true };
    return failUserErrors(recordPatrol.userErrors, { fields: ['orgNodeId', 'route', 'patrollers', 'billboardsChecked', 'notes'], fallback: m.hz_e_failed(), values });
  },
};
