import { fail, redirect } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import type { CareCategory } from '$lib/gql/graphql';
import { forwardToApi, query } from '$lib/server/api';
import { scopeNode } from '$lib/demand/scope';
import { CreateHousehold, HouseholdList, LinkHousehold, MemberHouseholdSide, UnlinkHousehold } from './queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

const PAGE_SIZE = 20;

function param(url: URL, name: string): string | null {
  return url.searchParams.get(name)?.trim().slice(0, 200) || null;
}

export const load: PageServerLoad = async (event) => {
  const p = { compound: param(event.url, 'compound'), building: param(event.url, 'building'), grid: param(event.url, 'grid'), node: param(event.url, 'node'), q: param(event.url, 'q') };
  const after = param(event.url, 'after');
  const filter = { compoundId: p.compound, buildingId: p.building, gridId: p.grid, orgNodeId: p.node, query: p.q };
  const data = await query(event, HouseholdList, { filter, first: PAGE_SIZE, after });
  const { viewer } = await event.parent();
  const scope = scopeNode(viewer.grants);
  // a member household's own list: its linked households, and care households it could take on
  const side = p.node && scope ? await query(event, MemberHouseholdSide, { id: p.node, scope: scope.id }) : null;
  const member = side?.node?.__typename === 'MemberHousehold' ? { id: side.node.id, name: side.node.name, candidates: side.householdCoverage?.uncovered ?? [] } : null;
  const search = new URLSearchParams(Object.entries(p).filter((e): e is [string, string] => e[1] != null));
  return {
    params: p,
    after,
    search: search.toString(),
    compounds: data.compounds,
    grids: data.grids,
    list: data.households,
    scope,
    member,
    exportHref: `/export/households.xlsx${search.size ? `?${search}` : ''}`,
  };
};

const FIELDS = ['orgNodeId', 'compound', 'building', 'unit', 'room', 'headName', 'size', 'phone', 'careCategories', 'careNote'] as const;

export const actions: Actions = {
  /** From the member household's side: take a household on (联户), or let one go. */
  link: async (event) => {
    const form = await event.request.formData();
    const values = { householdId: String(form.get('householdId') ?? ''), memberHouseholdId: String(form.get('memberHouseholdId') ?? '') };
    if (!values.householdId) return failForm(400, values, { fields: { householdId: m.hh_v_pick() } }, { kind: 'link' as const });
    const { householdLink } = await query(event, LinkHousehold, { input: values });
    if (householdLink.household) return { kind: 'link' as const, done: true };
    return failUserErrors(householdLink.userErrors, { fields: ['householdId'], fallback: m.cov_link_failed(), values, extra: { kind: 'link' as const } });
  },
  unlink: async (event) => {
    const form = await event.request.formData();
    const { householdUnlink } = await query(event, UnlinkHousehold, { input: { householdId: String(form.get('householdId') ?? '') } });
    if (householdUnlink.household) return { kind: 'unlink' as const, done: true };
    return failUserErrors(householdUnlink.userErrors, { fields: [], fallback: m.hh_unlink_failed_short(), values: {}, extra: { kind: 'unlink' as const } });
  },

  /** Register a household (its phone and care data are sealed by the API). */
  create: async (event) => {
    const form = await event.request.formData();
    const values = Object.fromEntries(FIELDS.map((f) => [f, f === 'careCategories' ? form.getAll(f).map(String).join(',') : String(form.get(f) ?? '').trim()])) as Record<(typeof FIELDS)[number], string>;
    const size = Number(values.size);
    if (!values.orgNodeId) return failForm(400, values, { fields: { orgNodeId: m.hh_v_org() } }, { kind: 'create' as const });
    if (!Number.isInteger(size) || size < 1) return failForm(400, values, { fields: { size: m.hh_v_size() } }, { kind: 'create' as const });
    const { householdCreate } = await query(event, CreateHousehold, {
      input: {
        orgNodeId: values.orgNodeId, compound: values.compound, building: values.building, unit: values.unit, room: values.room, headName: values.headName, size,
        phone: values.phone || null, careCategories: (values.careCategories ? values.careCategories.split(',') : []) as CareCategory[], careNote: values.careNote || null,
      },
    });
    if (householdCreate.household) redirect(303, `/households/${encodeURIComponent(householdCreate.household.id)}`);
    return failUserErrors(householdCreate.userErrors, { fields: FIELDS, fallback: m.hh_save_failed_check(), values, extra: { kind: 'create' as const } });
  },

  /** Upload a filled-in template: all rows or none; the API names each bad row and column. */
  import: async (event) => {
    const form = await event.request.formData();
    const file = form.get('file');
    const node = String(form.get('node') ?? '');
    if (!(file instanceof File) || file.size === 0) return fail(400, { import: { message: m.hh_import_pick(), errors: [] as { row: number; column: string; message: string }[] } });
    const res = await forwardToApi(event, `/import/households.xlsx?node=${encodeURIComponent(node)}`, { method: 'POST', body: Buffer.from(await file.arrayBuffer()), contentType: 'application/octet-stream' });
    const body = (await res.json().catch(() => null)) as { created?: number; error?: { message: string; details?: { errors?: { row: number; column: string; message: string }[] } } } | null;
    if (res.ok && body?.created != null) return { imported: body.created };
    return fail(res.status === 422 ? 422 : 400, { import: { message: body?.error?.message ?? m.imp_failed(), errors: body?.error?.details?.errors ?? [] } });
  },
};
