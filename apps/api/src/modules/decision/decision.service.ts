/** Public decisions (一征三议两公开): list and filters, the steps through the transition table, residents' opinions. */
import type { Context } from '../../graphql/context.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import { idOf, type Page } from '../../graphql/relay.js';
import { assertPrintable, validDate, validMobile } from '../../graphql/validate.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { assertCan, can, condition, nodeInSubtree, readable, reveal, subtreeEnd } from '../access/index.js';
import { loadNode, OrgLevel } from '../org/index.js';
import { findVisibleDemand } from '../demand/index.js';
import { findVisibleMeeting } from '../meeting/index.js';
import { findVisibleProject } from '../project/index.js';
import { maskName, maskPhone, seal, unseal } from '../privacy/index.js';
import { DECISION_ACTION_LABEL, DECISION_STATE_LABEL } from '@tongxin/ui';
import { DecisionEntity, DecisionOpinionEntity, DecisionState, DecisionStepEntity, DecisionStepKind } from './decision.entity.js';
import { BEFORE_DELIBERATION, DECISION_TRANSITIONS, DecisionAction, findDecisionTransition, PUBLISHED_WITH_DECISION } from './decision.transitions.js';
import type { AdvanceDecisionInput, CreateDecisionInput, DecisionFilter, SubmitDecisionOpinionInput } from './decision.types.js';
import './decision.policy.js';

const OWNER_TYPES = ['PartyCommittee', 'Branch'];
export const STEP_LIMIT = 50;
export const MAX_DEMANDS = 20;

export const todayIn = (now = new Date()) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

function text(value: string | null | undefined, max: number, field: string[], label: string, required = false, min = 1): string | null {
  const t = (value ?? '').trim();
  if (!t) {
    if (required) fail(UserErrorCode.INVALID_INPUT, `请填写${label}`, field);
    return null;
  }
  if ([...t].length < min) fail(UserErrorCode.INVALID_INPUT, `${label}至少 ${min} 个字`, field);
  if ([...t].length > max) fail(UserErrorCode.INVALID_INPUT, `${label}最多 ${max} 个字`, field);
  assertPrintable(t, field, label, true);
  return t;
}

function validKey(value: string | null | undefined): string | null {
  if (value == null || value === '') return null;
  const key = value.trim();
  if (key.length < 8 || key.length > 100 || !/^[\x21-\x7e]+$/.test(key)) fail(UserErrorCode.INVALID_INPUT, '幂等键应为 8 到 100 个可见 ASCII 字符（例如 UUID）', ['input', 'idempotencyKey']);
  return key;
}

// ---- reads ----

export function loadDecision(ctx: Context, id: number): Promise<DecisionEntity | null> {
  return ctx.loaders
    .get<number, DecisionEntity | null>('decision.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, DecisionEntity, await sql(ctx.em, `select * from decision where id = any(?::int[])`, [[...ids]])), (d) => d.id))
    .load(id);
}
export async function findVisibleDecision(ctx: Context, id: number) { return readable(ctx, 'Decision', await loadDecision(ctx, id)); }

/** Staff over the owner node see the whole record; everyone else only what is published. */
export function seesWhole(ctx: Context, d: DecisionEntity): Promise<boolean> {
  if (!ctx.access.isStaff) return Promise.resolve(false);
  return can(ctx, 'read', 'DecisionOpinion', { orgNodeId: d.orgNodeId } as DecisionOpinionEntity);
}

/** A decision's steps, oldest first (the latest STEP_LIMIT); the public ones only, unless the caller sees the whole record. */
export async function stepsOf(ctx: Context, d: DecisionEntity): Promise<DecisionStepEntity[]> {
  const all = await ctx.loaders
    .get<number, DecisionStepEntity[]>('decision.steps', async (ids) =>
      groupBy(ids, fromRows(ctx.em, DecisionStepEntity, await sql(ctx.em,
        `select * from (select s.*, row_number() over (partition by s.decision_id order by s.id desc) as n from decision_step s where s.decision_id = any(?::int[])) x
         where x.n <= ? order by x.decision_id, x.held_on, x.id`, [[...ids], STEP_LIMIT])), (s) => s.decisionId))
    .load(d.id);
  return (await seesWhole(ctx, d)) ? all : all.filter((s) => s.public);
}

export function opinionCountOf(ctx: Context, decisionId: number): Promise<number> {
  return ctx.loaders
    .get<number, number>('decision.opinionCount', async (ids) => {
      const rows = await sql<{ decision_id: number; n: string }>(ctx.em, `select decision_id, count(*) as n from decision_opinion where decision_id = any(?::int[]) group by decision_id`, [[...ids]]);
      const m = new Map(rows.map((r) => [r.decision_id, Number(r.n)]));
      return ids.map((id) => m.get(id) ?? 0);
    })
    .load(decisionId);
}

export async function listOpinions(ctx: Context, d: DecisionEntity, page: Page): Promise<DecisionOpinionEntity[]> {
  const c = condition(ctx, 'read', 'DecisionOpinion', 'o');
  if (c.sql === 'false') return [];
  return fromRows(ctx.em, DecisionOpinionEntity, await sql(ctx.em,
    `select o.* from decision_opinion o where o.decision_id = ? and ${c.sql} order by o.id desc limit ? offset ?`, [d.id, ...c.params, page.limit + 1, page.offset]));
}

export async function countOpinions(ctx: Context, d: DecisionEntity): Promise<number> {
  const c = condition(ctx, 'read', 'DecisionOpinion', 'o');
  if (c.sql === 'false') return 0;
  return Number((await sql<{ n: string }>(ctx.em, `select count(*) as n from decision_opinion o where o.decision_id = ? and ${c.sql}`, [d.id, ...c.params]))[0].n);
}

/** The name a resident left: in clear for roles that need contact details (announced), masked for other staff. */
export async function opinionNameOf(ctx: Context, o: DecisionOpinionEntity): Promise<string | null> {
  if (!ctx.access.isStaff || o.name == null) return null;
  const clear = await reveal(ctx, 'DecisionOpinion', o, 'name', { denied: 'null' });
  if (clear != null) return unseal(clear);
  return maskName(unseal(o.name));
}

/** The phone a resident left, always masked (138****1234). */
export function opinionPhoneOf(ctx: Context, o: DecisionOpinionEntity): string | null {
  if (!ctx.access.isStaff || o.phone == null) return null;
  return maskPhone(unseal(o.phone));
}

/** Whether residents may send opinions now. */
export function solicitationOpen(d: DecisionEntity, now = new Date()): boolean {
  return d.state === DecisionState.SOLICITING && d.solicitOpensAt != null && d.solicitClosesAt != null && d.solicitOpensAt <= now && now < d.solicitClosesAt;
}

interface Where { sql: string; params: unknown[] }

/**
 * Lists: staff get the decisions of their own subtrees (their ledger; another community's public ones stay
 * reachable by id), everyone else the public ones.
 */
export async function decisionWhere(ctx: Context, f: DecisionFilter | null | undefined): Promise<Where | null> {
  const scope = ctx.access.isStaff ? nodeInSubtree(ctx.access, 'd.org_node_id') : condition(ctx, 'read', 'Decision', 'd');
  if (scope.sql === 'false') return null;
  const parts = [scope.sql];
  const params: unknown[] = [...scope.params];
  if (f?.orgNodeId != null) {
    const id = idOf(f.orgNodeId, ...OWNER_TYPES);
    const node = id == null ? null : await loadNode(ctx, id);
    if (!node) return null;
    parts.push(`exists (select 1 from org_node dn where dn.id = d.org_node_id and dn.path >= ? and dn.path < ?)`);
    params.push(node.path, subtreeEnd(node.path));
  }
  if (f?.states?.length) { parts.push(`d.state = any(?::text[])`); params.push(f.states); }
  if (f?.query != null && f.query.trim() !== '') {
    const q = f.query.trim();
    if ([...q].length > 50) fail(UserErrorCode.INVALID_INPUT, '搜索词最多 50 个字', ['filter', 'query']);
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(`(d.title ilike ? or d.summary ilike ?)`); params.push(like, like);
  }
  return { sql: parts.join(' and '), params };
}

export async function listDecisions(ctx: Context, f: DecisionFilter | null | undefined, page: Page): Promise<DecisionEntity[]> {
  const w = await decisionWhere(ctx, f);
  if (!w) return [];
  return fromRows(ctx.em, DecisionEntity, await sql(ctx.em,
    `select d.* from decision d where ${w.sql} order by d.updated_at desc, d.id desc limit ? offset ?`, [...w.params, page.limit + 1, page.offset]));
}

export async function countDecisions(ctx: Context, f: DecisionFilter | null | undefined): Promise<number> {
  const w = await decisionWhere(ctx, f);
  if (!w) return 0;
  return Number((await sql<{ count: string }>(ctx.em, `select count(*) from decision d where ${w.sql}`, w.params))[0].count);
}

export async function allowedDecisionActions(ctx: Context, d: DecisionEntity): Promise<DecisionAction[]> {
  if (!ctx.access.isStaff || !(await can(ctx, 'write', 'Decision', d))) return [];
  return [...new Set(DECISION_TRANSITIONS.filter((t) => t.from === d.state).map((t) => t.action))];
}

// ---- writes ----

const staffId = (ctx: Context): number | null => (ctx.access.principal.kind === 'staff' ? ctx.access.principal.accountId : null);

export async function createDecision(ctx: Context, input: CreateDecisionInput): Promise<DecisionEntity> {
  const field = (n: string) => ['input', n];
  ctx.access.requireStaffNotPartner();
  const title = text(input.title, 100, field('title'), '事项名称', true)!;
  const summary = text(input.summary, 5000, field('summary'), '事项说明') ?? '';
  const nodeId = idOf(input.orgNodeId, ...OWNER_TYPES);
  const node = nodeId == null ? null : await loadNode(ctx, nodeId);
  if (!node || (node.level !== OrgLevel.COMMUNITY && node.level !== OrgLevel.BRANCH)) fail(UserErrorCode.NOT_FOUND, '找不到该社区党组织或党支部', field('orgNodeId'));
  if (node.archived) fail(UserErrorCode.ARCHIVED, `${node.name}已归档`, field('orgNodeId'));
  const communityId = node.level === OrgLevel.COMMUNITY ? node.id : node.communityId!;
  const draft = Object.assign(Object.create(DecisionEntity.prototype) as DecisionEntity, { orgNodeId: node.id, communityId, state: DecisionState.DRAFT });
  await assertCan(ctx, 'write', 'Decision', draft, '无权在该组织下发起议事决策');

  const demandGlobalIds = [...new Set(input.demandIds ?? [])];
  if (demandGlobalIds.length > MAX_DEMANDS) fail(UserErrorCode.INVALID_INPUT, `最多关联 ${MAX_DEMANDS} 条诉求`, field('demandIds'));
  const demandIds: number[] = [];
  for (const [i, g] of demandGlobalIds.entries()) {
    const id = idOf(g, 'Demand');
    const d = id == null ? null : await findVisibleDemand(ctx, id);
    if (!d || d.communityId !== communityId) fail(UserErrorCode.NOT_FOUND, '找不到本社区的该诉求', ['input', 'demandIds', String(i)]);
    demandIds.push(d.id);
  }
  let meetingId: number | null = null;
  if (input.meetingId) {
    const id = idOf(input.meetingId, 'Meeting');
    const m = id == null ? null : await findVisibleMeeting(ctx, id);
    if (!m || m.communityId !== communityId) fail(UserErrorCode.NOT_FOUND, '找不到本社区的该会议', field('meetingId'));
    meetingId = m.id;
  }
  let projectId: number | null = null;
  if (input.projectId) {
    const id = idOf(input.projectId, 'PartyProject');
    const p = id == null ? null : await findVisibleProject(ctx, id);
    if (!p || p.communityId !== communityId) fail(UserErrorCode.NOT_FOUND, '找不到本社区的该党建项目', field('projectId'));
    projectId = p.id;
  }
  const [row] = await sql<{ id: number }>(ctx.em,
    `insert into decision (community_id, org_node_id, title, summary, demand_ids, meeting_id, project_id, created_by) values (?, ?, ?, ?, ?::int[], ?, ?, ?) returning id`,
    [communityId, node.id, title, summary, demandIds, meetingId, projectId, staffId(ctx)]);
  ctx.loaders.clearAll();
  return (await loadDecision(ctx, row.id))!;
}

const DEFAULT_BODY: Record<DecisionStepKind, (owner: string) => string> = {
  SOLICITATION: (owner) => owner,
  PROPOSAL: (owner) => owner,
  DELIBERATION: () => '两委联席会议',
  RESOLUTION: () => '党员大会和居民代表会议',
  DECISION_NOTICE: (owner) => owner,
  RESULT_NOTICE: (owner) => owner,
};

function votes(value: number | null | undefined, field: string[], label: string): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < 0 || value > 100_000) fail(UserErrorCode.INVALID_INPUT, `${label}应为 0 到 100000 的整数`, field);
  return value;
}

export async function advanceDecision(ctx: Context, input: AdvanceDecisionInput, now = new Date()): Promise<DecisionEntity> {
  const field = (n: string) => ['input', n];
  const id = idOf(input.decisionId, 'Decision');
  const seen = id == null ? null : await findVisibleDecision(ctx, id);
  if (!seen) fail(UserErrorCode.NOT_FOUND, '找不到该议事事项', field('decisionId'));
  await assertCan(ctx, 'write', 'Decision', seen);
  const record = text(input.record, 5000, field('record'), '记录内容', true)!;
  const bodyText = text(input.body, 100, field('body'), '组织或会议名称');
  const heldOn = input.heldOn ? validDate(input.heldOn, field('heldOn'), '日期') : todayIn(now);
  const vFor = votes(input.votesFor, field('votesFor'), '赞成票');
  const vAgainst = votes(input.votesAgainst, field('votesAgainst'), '反对票');
  const vAbstain = votes(input.votesAbstain, field('votesAbstain'), '弃权票');
  const owner = (await loadNode(ctx, seen.orgNodeId))?.name ?? '社区党组织';

  await ctx.em.transactional(async (em) => {
    const [row] = await sql(em, `select * from decision where id = ? for update`, [seen.id]);
    const d = fromRows(em, DecisionEntity, [row])[0];
    if (d.version !== input.expectedVersion) fail(UserErrorCode.STALE, `该事项已被他人更新：当前为「${DECISION_STATE_LABEL[d.state]}」，请刷新后重试`, field('expectedVersion'));
    if (input.action === DecisionAction.PUBLISH_DECISION && BEFORE_DELIBERATION.includes(d.state)) {
      fail(UserErrorCode.DELIBERATION_REQUIRED, `决议公开前须先记录党组织提议、两委会商议和会议决议；该事项当前为「${DECISION_STATE_LABEL[d.state]}」`, field('action'));
    }
    const step = findDecisionTransition(d.state, input.action);
    if (!step) {
      const allowed = DECISION_TRANSITIONS.filter((t) => t.from === d.state).map((t) => DECISION_ACTION_LABEL[t.action]).join('、');
      const code = input.action === DecisionAction.PUBLISH_DECISION ? UserErrorCode.DELIBERATION_REQUIRED : UserErrorCode.INVALID_TRANSITION;
      fail(code, `该事项当前为「${DECISION_STATE_LABEL[d.state]}」，不能「${DECISION_ACTION_LABEL[input.action]}」。${allowed ? `当前可执行：${allowed}` : '已全部公开'}`, field('action'));
    }
    const sets: string[] = ['state = ?', 'version = version + 1', 'updated_at = ?'];
    const params: unknown[] = [step.to, now];
    if (step.action === DecisionAction.OPEN_SOLICITATION) {
      const opens = input.opensAt ?? now;
      if (!input.closesAt) fail(UserErrorCode.INVALID_INPUT, '请填写征求意见截止时间', field('closesAt'));
      if (input.closesAt <= opens) fail(UserErrorCode.INVALID_INPUT, '截止时间应晚于开始时间', field('closesAt'));
      if (input.closesAt <= now) fail(UserErrorCode.INVALID_INPUT, '截止时间应晚于现在', field('closesAt'));
      if (input.closesAt.getTime() - opens.getTime() > 90 * 86_400_000) fail(UserErrorCode.INVALID_INPUT, '征求意见期最长 90 天', field('closesAt'));
      sets.push('solicit_opens_at = ?', 'solicit_closes_at = ?'); params.push(opens, input.closesAt);
    }
    if (step.action === DecisionAction.PROPOSE && d.solicitClosesAt != null && d.solicitClosesAt > now) {
      sets.push('solicit_closes_at = ?'); params.push(d.solicitOpensAt != null && d.solicitOpensAt > now ? d.solicitOpensAt : now);
    }
    const isResolution = step.action === DecisionAction.RESOLVE;
    if (isResolution && (vFor != null || vAgainst != null || vAbstain != null) && (vFor == null || vAgainst == null || vAbstain == null)) {
      fail(UserErrorCode.INVALID_INPUT, '表决票数请填写完整：赞成、反对、弃权', field(vFor == null ? 'votesFor' : vAgainst == null ? 'votesAgainst' : 'votesAbstain'));
    }
    if (isResolution && vFor != null && vFor <= (vAgainst ?? 0)) {
      fail(UserErrorCode.INVALID_INPUT, '赞成票未超过反对票，决议不能通过；请继续商议', field('votesFor'));
    }
    if (step.action === DecisionAction.PUBLISH_DECISION) {
      sets.push('decision_published_at = ?'); params.push(now);
      await sql(em, `update decision_step set public = true where decision_id = ? and kind = any(?::text[])`, [d.id, [...PUBLISHED_WITH_DECISION]]);
    }
    if (step.action === DecisionAction.PUBLISH_RESULT) { sets.push('result_published_at = ?'); params.push(now); }
    const isPublic = step.step === DecisionStepKind.SOLICITATION || step.step === DecisionStepKind.DECISION_NOTICE || step.step === DecisionStepKind.RESULT_NOTICE;
    await sql(em,
      `insert into decision_step (decision_id, kind, held_on, body, record, votes_for, votes_against, votes_abstain, public, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [d.id, step.step, heldOn, bodyText ?? DEFAULT_BODY[step.step](owner), record, isResolution ? vFor : null, isResolution ? vAgainst : null, isResolution ? vAbstain : null, isPublic, staffId(ctx)]);
    await sql(em, `update decision set ${sets.join(', ')} where id = ?`, [...params, d.id]);
  });
  ctx.loaders.clearAll();
  return (await loadDecision(ctx, seen.id))!;
}

/**
 * A resident's opinion through the public form (no sign-in): only while the solicitation window is open. Name
 * and phone are optional and sealed. With an idempotency key already used on the decision, nothing new is stored.
 */
export async function submitOpinion(ctx: Context, input: SubmitDecisionOpinionInput, now = new Date()): Promise<boolean> {
  const field = (n: string) => ['input', n];
  const body = text(input.body, 2000, field('body'), '意见建议', true, 2)!;
  const name = text(input.name, 20, field('name'), '称呼');
  const phone = input.phone == null || input.phone.trim() === '' ? null : validMobile(input.phone, field('phone'));
  const key = validKey(input.idempotencyKey);
  const id = idOf(input.decisionId, 'Decision');
  const d = id == null ? null : await findVisibleDecision(ctx, id);
  if (!d || d.state === DecisionState.DRAFT) fail(UserErrorCode.NOT_FOUND, '找不到该公示事项', field('decisionId'));
  if (!solicitationOpen(d, now)) {
    const fmt = (x: Date) => new Date(x.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    const message = d.state !== DecisionState.SOLICITING || (d.solicitClosesAt != null && now >= d.solicitClosesAt)
      ? `该事项的意见征集已于 ${d.solicitClosesAt ? fmt(d.solicitClosesAt) : ''} 截止，感谢关注`
      : `该事项的意见征集将于 ${fmt(d.solicitOpensAt!)} 开始，请届时再提交`;
    fail(UserErrorCode.SOLICITATION_CLOSED, message, field('decisionId'));
  }
  await sql(ctx.em,
    `insert into decision_opinion (decision_id, community_id, org_node_id, body, name, phone, idempotency_key, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (decision_id, idempotency_key) where idempotency_key is not null do nothing`,
    [d.id, d.communityId, d.orgNodeId, body, seal(name), seal(phone), key, now]);
  ctx.loaders.clearAll();
  return true;
}

export { DecisionStepKind };
