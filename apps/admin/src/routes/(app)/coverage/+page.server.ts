import { error } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import { query } from '$lib/server/api';
import { scopeNode } from '$lib/demand/scope';
import { LinkHousehold } from '../households/queries';
import { CoverageReport } from './queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
  const { viewer } = await event.parent();
  const nodeId = event.url.searchParams.get('node')?.slice(0, 200) || scopeNode(viewer.grants)?.id;
  if (!nodeId) return { report: null, nodes: [] };
  const { householdCoverage } = await query(event, CoverageReport, { orgNodeId: nodeId });
  if (!householdCoverage) error(404, m.cov_not_found());
  return { report: householdCoverage, nodes: viewer.grants.map((g) => g.node) };
};

export const actions: Actions = {
  /** One click: link a care household to the chosen member household; it leaves the gaps at once. */
  link: async (event) => {
    const form = await event.request.formData();
    const values = { householdId: String(form.get('householdId') ?? ''), memberHouseholdId: String(form.get('memberHouseholdId') ?? '') };
    const extra = { householdId: values.householdId };
    if (!values.memberHouseholdId) return failForm(400, values, { fields: { memberHouseholdId: m.cov_pick_required() } }, extra);
    const { householdLink } = await query(event, LinkHousehold, { input: values });
    if (householdLink.household) return { linked: values.householdId };
    return failUserErrors(householdLink.userErrors, { fields: ['memberHouseholdId'], fallback: m.cov_link_failed(), values, extra });
  },
};
