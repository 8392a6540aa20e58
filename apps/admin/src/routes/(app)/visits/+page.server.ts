import { randomUUID } from 'node:crypto';
import { failForm, failUserErrors } from '$lib/forms';
import { governanceChoices } from '$lib/server/governance';
import type { DemandCategory, VisitKind, VisitLedgerGroup } from '$lib/gql/graphql';
import { query } from '$lib/server/api';
import { RecordVisit, VisitPage } from './queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

/** Roles that record visits (the API's Visit write rule). */
const VISIT_ROLES = new Set(['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER']);
const KINDS = ['ROUTINE', 'CARE', 'DISPUTE', 'SURVEY'] as const;
const GROUPS = ['MEMBER', 'BRANCH', 'MONTH'] as const;
const CATEGORIES = ['ENVIRONMENT', 'PROPERTY', 'SAFETY', 'NEIGHBOUR_DISPUTE', 'FACILITIES', 'ELDERLY_CARE', 'OTHER'] as const;

export const load: PageServerLoad = async (event) => {
  const { viewer } = await event.parent();
  const group = (GROUPS as readonly string[]).includes(event.url.searchParams.get('group') ?? '') ? (event.url.searchParams.get('group') as VisitLedgerGroup) : 'MEMBER';
  const days = Number(event.url.searchParams.get('days') ?? '100');
  const period = [7, 30, 100, 365].includes(days) ? days : 100;
  const filter = { from: new Date(Date.now() - period * 86_400_000).toISOString() };
  const [page, choices] = await Promise.all([
    query(event, VisitPage, { filter, groupBy: group, first: 20 }),
    governanceChoices(event, viewer?.grants ?? [], VISIT_ROLES),
  ]);
  return { ...page, group, period, ...choices, key: randomUUID(), crumbs: { title: m.vs_title() } };
};

const FIELDS = ['visitorMemberId', 'orgNodeId', 'place', 'kind', 'findings', 'opinions', 'fixedOnSpot', 'demandTitle', 'demandCategory'] as const;
type Field = (typeof FIELDS)[number];

export const actions: Actions = {
  record: async (event) => {
    const form = await event.request.formData();
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const values = Object.fromEntries(FIELDS.map((f) => [f, text(f)])) as Record<Field, string>;
    const fields: Partial<Record<Field, string>> = {};
    if (!values.orgNodeId && !values.visitorMemberId) fields.orgNodeId = m.vs_v_org();
    if (!values.place) fields.place = m.vs_v_place();
    if (!(KINDS as readonly string[]).includes(values.kind)) fields.kind = m.vs_v_kind();
    if (values.demandTitle && !(CATEGORIES as readonly string[]).includes(values.demandCategory)) fields.demandCategory = m.vs_v_category();
    const count = (v: string) => (v === '' ? null : Number(v));
    if (Object.keys(fields).length) return failForm(400, values, { fields });
    const { recordVisit } = await query(event, RecordVisit, {
      input: {
        visitorMemberId: values.visitorMemberId || null,
        orgNodeId: values.orgNodeId || null,
        place: values.place,
        kind: values.kind as VisitKind,
        findings: values.findings || null,
        opinions: count(values.opinions),
        fixedOnSpot: count(values.fixedOnSpot),
        demands: values.demandTitle ? [{ title: values.demandTitle, category: values.demandCategory as DemandCategory }] : [],
      },
    });
    if (recordVisit.visit) return { saved: { id: recordVisit.visit.id, demands: recordVisit.visit.demands } };
    const userErrors = recordVisit.userErrors.map((e) => {
      const last = e.field?.at(-1);
      if (e.field?.[1] === 'demands') return { ...e, field: ['input', last === 'category' ? 'demandCategory' : 'demandTitle'] };
      return e;
    });
    return failUserErrors(userErrors, { fields: FIELDS, fallback: m.vs_record_failed(), values });
  },
};
