import { redirect } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import { governanceChoices } from '$lib/server/governance';
import { query } from '$lib/server/api';
import { CreateDecision, DecisionFindDemand, DecisionLinkChoices } from '../queries';
import type { Actions, PageServerLoad } from './$types';

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
    crumbs: { title: '新建事项' },
  };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const text = (n: string) => String(form.get(n) ?? '').trim();
    const values = { orgNodeId: text('orgNodeId'), title: text('title'), summary: text('summary'), tickets: text('tickets'), meetingId: text('meetingId'), projectId: text('projectId') };
    const fields: Partial<Record<(typeof FIELDS)[number], string>> = {};
    if (!values.orgNodeId) fields.orgNodeId = '请选择责任党组织';
    if (!values.title) fields.title = '请填写议事事项';
    const codes = values.tickets.toUpperCase().split(/[\s,，、]+/).map((c) => c.replace(/-/g, '')).filter(Boolean);
    if (codes.length > 20) fields.tickets = '最多关联 20 条诉求';
    const demandIds: string[] = [];
    for (const code of fields.tickets ? [] : codes) {
      const found = await query(event, DecisionFindDemand, { filter: { query: code } });
      const hit = found.demands.edges.find((e) => e.node.ticketCode === code);
      if (!hit) { fields.tickets = `没有找到受理编号为 ${code} 的诉求`; break; }
      demandIds.push(hit.node.id);
    }
    if (Object.keys(fields).length) return failForm(400, values, { fields });
    const { createDecision } = await query(event, CreateDecision, {
      input: { orgNodeId: values.orgNodeId, title: values.title, summary: values.summary || null, demandIds, meetingId: values.meetingId || null, projectId: values.projectId || null },
    });
    if (createDecision.decision) redirect(303, `/decisions/${createDecision.decision.id}`);
    const userErrors = createDecision.userErrors.map((e) => (e.field?.[1] === 'demandIds' ? { ...e, field: ['input', 'tickets'] } : e));
    return failUserErrors(userErrors, { fields: FIELDS, fallback: '保存没有成功', values });
  },
};
