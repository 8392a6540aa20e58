import { randomUUID } from 'node:crypto';
import { redirect } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import { graphql } from '$lib/gql';
import type { DemandCategory, DemandChannel, DemandPriority } from '$lib/gql/graphql';
import { query } from '$lib/server/api';
import { DEMAND_CATEGORIES, DEMAND_CHANNELS } from '$lib/demand/filters';
import { DemandAssigneeChoices } from '../queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

const CreateDemand = graphql(`
  mutation CreateDemand($input: CreateDemandInput!) {
    createDemand(input: $input) {
      demand {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** Roles that take demands in (the API's DEMAND_WORK_ROLES). */
const INTAKE_ROLES = new Set(['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER']);

export const load: PageServerLoad = async (event) => {
  const { viewer } = await event.parent();
  const grants = viewer.grants.filter((g) => INTAKE_ROLES.has(g.role));
  // The nodes a demand may hang on: the person's own nodes, and a community's branches under them.
  const nodes = new Map<string, string>();
  for (const g of grants) nodes.set(g.node.id, g.node.name);
  const communities = grants.filter((g) => g.node.level === 'COMMUNITY').slice(0, 3);
  const choices = await Promise.all(communities.map((g) => query(event, DemandAssigneeChoices, { communityId: g.node.id })));
  for (const c of choices) {
    for (const e of c.orgNode?.children.edges ?? []) if (e.node.level === 'BRANCH') nodes.set(e.node.id, `${c.orgNode!.name} · ${e.node.name}`);
  }
  const channel = event.url.searchParams.get('channel');
  return {
    nodes: [...nodes].map(([id, name]) => ({ id, name })),
    preset: {
      channel: (DEMAND_CHANNELS as string[]).includes(channel ?? '') ? (channel as DemandChannel) : 'WALK_IN',
    },
    idempotencyKey: randomUUID(),
    crumbs: { title: m.dm_new() },
  };
};

const FIELDS = ['orgNodeId', 'channel', 'category', 'title', 'description', 'compound', 'building', 'placeText', 'residentName', 'residentPhone', 'priority', 'resolution'] as const;
type Field = (typeof FIELDS)[number];
export type IntakeValues = Record<Field, string> & { idempotencyKey: string; resolvedOnSpot: boolean };

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const values = Object.fromEntries(FIELDS.map((f) => [f, text(f)])) as unknown as IntakeValues;
    values.idempotencyKey = text('idempotencyKey').slice(0, 100) || randomUUID();
    values.resolvedOnSpot = form.get('resolvedOnSpot') === 'on';

    const fields: Partial<Record<Field, string>> = {};
    if (!values.orgNodeId) fields.orgNodeId = m.dm_e_org();
    if (!(DEMAND_CHANNELS as string[]).includes(values.channel)) fields.channel = m.dm_e_channel();
    if (!(DEMAND_CATEGORIES as string[]).includes(values.category)) fields.category = m.dm_e_category();
    if (!values.title) fields.title = m.dm_e_title();
    else if (values.title.length > 100) fields.title = m.dm_e_title_long();
    const phone = values.residentPhone.normalize('NFKC').replace(/[\s\-()]/g, '');
    if (phone && !/^1\d{10}$/.test(phone)) fields.residentPhone = m.dm_e_phone();
    if (values.resolvedOnSpot && !values.resolution) fields.resolution = m.dm_e_resolution();
    if (Object.keys(fields).length > 0) return failForm(400, values, { fields });

    const place = { compound: values.compound || null, building: values.building || null, text: values.placeText || null };
    const { createDemand } = await query(event, CreateDemand, {
      input: {
        orgNodeId: values.orgNodeId,
        channel: values.channel as DemandChannel,
        category: values.category as DemandCategory,
        title: values.title,
        description: values.description || null,
        priority: (values.priority || 'NORMAL') as DemandPriority,
        place: place.compound || place.building || place.text ? place : null,
        residentName: values.residentName || null,
        residentPhone: phone || null,
        resolvedOnSpot: values.resolvedOnSpot,
        resolution: values.resolvedOnSpot ? values.resolution : null,
        idempotencyKey: values.idempotencyKey,
      },
    });
    if (createDemand.demand) redirect(303, `/demands/${encodeURIComponent(createDemand.demand.id)}?new=1`);
    // the place's free text is `place.text` in the API and `placeText` in this form
    const userErrors = createDemand.userErrors.map((e) => (e.field?.at(-1) === 'text' ? { ...e, field: ['input', 'placeText'] } : e));
    return failUserErrors(userErrors, {
      fields: FIELDS,
      fallback: m.dm_e_create_failed(),
      values,
    });
  },
};
