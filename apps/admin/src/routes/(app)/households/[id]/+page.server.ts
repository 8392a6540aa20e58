import { error } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import type { CareCategory, ResidentRelation } from '$lib/gql/graphql';
import { query } from '$lib/server/api';
import { scopeNode } from '$lib/demand/scope';
import { EraseResident, HouseholdPage, LinkHousehold, MemberHouseholdChoices, RevealPersonalData, SaveResident, UnlinkHousehold, UpdateHousehold } from '../queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
  const [{ node }, { viewer }] = await Promise.all([query(event, HouseholdPage, { id: event.params.id }), event.parent()]);
  if (!node || node.__typename !== 'Household') error(404, m.hh_not_found());
  const scope = scopeNode(viewer.grants);
  const choices = scope ? await query(event, MemberHouseholdChoices, { orgNodeId: scope.id }) : null;
  return {
    household: node,
    memberHouseholds: choices?.householdCoverage?.memberHouseholds ?? [],
    isCommitteeAdmin: viewer.grants.some((g) => g.role === 'COMMITTEE_ADMIN'),
    canWrite: viewer.grants.some((g) => g.role === 'COMMITTEE_ADMIN' || g.role === 'BRANCH_SECRETARY'),
    crumbs: { title: node.address },
  };
};

const REVEALABLE = ['phone', 'idNumber', 'careCategories', 'careNote'];

export const actions: Actions = {
  /** Ask for personal data in clear, with a reason: the API checks the role and writes the audit row. */
  reveal: async (event) => {
    const form = await event.request.formData();
    const target = String(form.get('target') ?? event.params.id);
    const fields = form.getAll('fields').map(String).filter((f) => REVEALABLE.includes(f));
    const values = { reason: String(form.get('reason') ?? '').trim(), target };
    const extra = { kind: 'reveal' as const, target };
    if (fields.length === 0) return failForm(400, values, { fields: { reason: m.hh_v_fields() } }, extra);
    if ([...values.reason].length < 2) return failForm(400, values, { fields: { reason: m.hh_v_reason() } }, extra);
    const { personalDataReveal } = await query(event, RevealPersonalData, { input: { id: target, fields, reason: values.reason } });
    if (personalDataReveal.values) return { kind: 'reveal' as const, target, revealed: personalDataReveal.values };
    return failUserErrors(personalDataReveal.userErrors, { fields: ['reason'], fallback: m.hh_v_reveal_denied(), values, extra, status: 403 });
  },

  /** Erase a resident's personal data (个人信息删除): a reason and an explicit confirmation first. */
  erase: async (event) => {
    const form = await event.request.formData();
    const target = String(form.get('target') ?? '');
    const values = { reason: String(form.get('reason') ?? '').trim(), target };
    const extra = { kind: 'erase' as const, target };
    if ([...values.reason].length < 2) return failForm(400, values, { fields: { reason: m.hh_v_erase_reason() } }, extra);
    if (form.get('confirm') !== 'yes') return failForm(400, values, { fields: { confirm: m.hh_v_erase_confirm() } }, extra);
    const { residentErase } = await query(event, EraseResident, { input: { id: target, reason: values.reason } });
    if (residentErase.resident) return { kind: 'erase' as const, target, done: true, alreadyErased: residentErase.alreadyErased ?? false };
    return failUserErrors(residentErase.userErrors, { fields: ['reason'], fallback: m.hh_erase_failed(), values, extra, status: 403 });
  },

  link: async (event) => {
    const form = await event.request.formData();
    const values = { memberHouseholdId: String(form.get('memberHouseholdId') ?? '') };
    const extra = { kind: 'link' as const };
    if (!values.memberHouseholdId) return failForm(400, values, { fields: { memberHouseholdId: m.cov_pick_required() } }, extra);
    const { householdLink } = await query(event, LinkHousehold, { input: { householdId: event.params.id, memberHouseholdId: values.memberHouseholdId } });
    if (householdLink.household) return { kind: 'link' as const, done: true };
    return failUserErrors(householdLink.userErrors, { fields: ['memberHouseholdId'], fallback: m.hh_link_failed(), values, extra });
  },

  unlink: async (event) => {
    const { householdUnlink } = await query(event, UnlinkHousehold, { input: { householdId: event.params.id } });
    if (householdUnlink.household) return { kind: 'unlink' as const, done: true };
    return failUserErrors(householdUnlink.userErrors, { fields: [], fallback: m.hh_unlink_failed(), values: {}, extra: { kind: 'unlink' as const } });
  },

  update: async (event) => {
    const form = await event.request.formData();
    const names = ['compound', 'building', 'unit', 'room', 'headName', 'size'] as const;
    const values = Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? '').trim()])) as Record<(typeof names)[number], string>;
    const extra = { kind: 'update' as const };
    const size = Number(values.size);
    if (!Number.isInteger(size) || size < 1) return failForm(400, values, { fields: { size: m.hh_v_size() } }, extra);
    const phone = String(form.get('phone') ?? '').trim();
    const { householdUpdate } = await query(event, UpdateHousehold, {
      input: { id: event.params.id, compound: values.compound, building: values.building, unit: values.unit, room: values.room, headName: values.headName, size, ...(phone ? { phone } : {}) },
    });
    if (householdUpdate.household) return { kind: 'update' as const, done: true };
    return failUserErrors(householdUpdate.userErrors, { fields: [...names, 'phone'], fallback: m.hh_save_failed(), values, extra });
  },

  resident: async (event) => {
    const form = await event.request.formData();
    const names = ['name', 'relation', 'birthYear', 'phone', 'idNumber', 'careNote'] as const;
    const values = Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? '').trim()])) as Record<(typeof names)[number], string>;
    const extra = { kind: 'resident' as const };
    const birthYear = values.birthYear ? Number(values.birthYear) : null;
    if (birthYear != null && !Number.isInteger(birthYear)) return failForm(400, values, { fields: { birthYear: m.hh_v_birth() } }, extra);
    const { residentSave } = await query(event, SaveResident, {
      input: {
        householdId: event.params.id, name: values.name, relation: (values.relation || 'OTHER') as ResidentRelation, birthYear,
        phone: values.phone || null, idNumber: values.idNumber || null, careCategories: form.getAll('careCategories').map(String) as CareCategory[], careNote: values.careNote || null,
      },
    });
    if (residentSave.resident) return { kind: 'resident' as const, done: true };
    return failUserErrors(residentSave.userErrors, { fields: names, fallback: m.hh_save_failed(), values, extra });
  },
};
