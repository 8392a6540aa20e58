import { redirect } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import { governanceChoices } from '$lib/server/governance';
import { query } from '$lib/server/api';
import { CreateDecision, DecisionFindDemand, DecisionLinkChoices } from '../queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

const WRITE_ROLES = new Set(['COMMITTEE_ADMIN', 'BRANCH_SECRETARY']);
const FIELDS = ['orgNodeId', 'title', 'summary', 'tickets', 'meetingId', 'projectId'] as const;

export const load: PageServerLoad = async (event) => {
  const { viewer } = await event.parent();
  const grants = viewer?.grants ?? [];
  const { nodes } = await governanceChoices(event, grants, WRITE_ROLES);
  const home = grants.find((g) => WRITE_ROLES.has(g.role) && (g.node.level === 'COMMUNITY' || g.node.level === 'BRANCH'));
  const links = home ? await query(event, DecisionLinkChoices, { node: home.node.id }) : null;
  return {
    nodes,
    meetings: links?.meetings.edges.map((e) => e.node) ?? [],
    projects: links?.partyProjects.edges.map((e) => e.node) ?? [],
    crumbs: { title: m.dc_new() },
  };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const text = (n: string) => String(form.get(n) ?? '').trim();
    const values = { orgNodeId: text('orgNodeId'), title: text('title'), summary: text('summary'), tickets: text('tickets'), meetingId: text('meetingId'), projectId: text('projectId') };
    const fields: Partial<Record<(typeof FIELDS)[number], string>> = {};
    if (!values.orgNodeId) fields.orgNodeId = m.dc_v_org();
    if (!values.title) fields.title = m.dc_v_title();
    const codes = values.tickets.toUpperCase().split(/[\s,\uFF0C\u3001]+/).map((c) => c.replace(/-/g, '')).filter(Boolean);
    if (codes.length > 20) fields.tickets = m.dc_v_tickets_max({ max: 20 });
    const demandIds: string[] = [];
    for (const code of fields.tickets ? [] : codes) {
      const found = await query(event, DecisionFindDemand, { filter: { query: code } });
      const hit = found.demands.edges.find((e) => e.node.ticketCode === code);
      if (!hit) { fields.tickets = m.dc_v_ticket_missing({ code }); break; }
      demandIds.push(hit.node.id);
    }
    if (Object.keys(fields).length) return failForm(400, values, { fields });
    const { createDecision } = await query(event, CreateDecision, {
      input: { orgNodeId: values.orgNodeId, title: values.title, summary: values.summary || null, demandIds, meetingId: values.meetingId || null, projectId: values.projectId || null },
    });
    if (createDecision.decision) redirect(303, `/decisions/${createDecision.decision.id}`);
    const userErrors = createDecision.userErrors.map((e) => (e.field?.[1] === 'demandIds' ? { ...e, field: ['input', 'tickets'] } : e));
    return failUserErrors(userErrors, { fields: FIELDS, fallback: m.dc_save_failed(), values });
  },
};
