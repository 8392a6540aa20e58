/**
 * Demand metrics (诉求办理指标), as defined in docs/metrics.md: one SQL statement over the demands received in
 * an org node's subtree in a period of Asia/Shanghai days, grouped as asked; and the counts the demand module
 * adds to `OrgNode.stats`. Change a definition here and in docs/metrics.md together.
 */
import { GraphQLError } from 'graphql';
import { DateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { forbidden, unauthenticated } from '../../graphql/errors.js';
import { idOf, toGlobalId } from '../../graphql/relay.js';
import { ListBound } from '../../graphql/cost.js';
import { sql } from '../../db/sql.js';
import { readSql } from '../../db/replicas.js';
import { condition } from '../access/index.js';
import {
  loadNode, ORG_TYPE_NAMES, OrgStats, registerOrgStat, statInSubtree as inSubtree, type OrgNodeEntity, type OrgStatValues,
} from '../org/index.js';
import { DemandCategory } from './demand.entity.js';
import { demandsUnder } from './demand.service.js';
// the policy and the enums' GraphQL names, whichever file of the module loads first
import './demand.policy.js';
import './demand.types.js';

export enum DemandMetricsGroup {
  NONE = 'NONE',
  CATEGORY = 'CATEGORY',
  ASSIGNEE = 'ASSIGNEE',
  MONTH = 'MONTH',
}
registerEnumType(DemandMetricsGroup, {
  name: 'DemandMetricsGroup',
  description: 'How `demandMetrics` splits the demands received in the period.',
  valuesConfig: {
    NONE: { description: 'One row for all of them.' },
    CATEGORY: { description: 'One row per category (类别), all seven, zeros included.' },
    ASSIGNEE: { description: 'One row per current assignee: co-building unit, staff account or branch; UNASSIGNED for none.' },
    MONTH: { description: 'One row per calendar month (Asia/Shanghai) of the period, empty months included.' },
  },
});

export enum DemandAssigneeKind {
  UNIT = 'UNIT',
  ACCOUNT = 'ACCOUNT',
  BRANCH = 'BRANCH',
  UNASSIGNED = 'UNASSIGNED',
}
registerEnumType(DemandAssigneeKind, {
  name: 'DemandAssigneeKind',
  description: 'Who a demand is assigned to, in `demandMetrics` rows grouped by ASSIGNEE.',
  valuesConfig: {
    UNIT: { description: 'A co-building unit (共建单位).' },
    ACCOUNT: { description: 'A staff account (a community worker).' },
    BRANCH: { description: 'A Party branch (党支部).' },
    UNASSIGNED: { description: 'Nobody yet.' },
  },
});

/** The figures of docs/metrics.md for one group of demands. */
@ObjectType('DemandMetrics', { description: 'Demand metrics (诉求办理指标) of one group of the demands received in a period; definitions in docs/metrics.md.' })
export class DemandMetrics {
  @Field(() => DemandMetricsGroup, { description: 'How the rows are grouped.' }) group: DemandMetricsGroup;
  @Field(() => String, { description: 'The group: ALL, a category, a month (2026-03), an assignee\'s global ID or UNASSIGNED.' }) key: string;
  @Field(() => String, { description: 'The group in Chinese (全部, 类别, 2026年3月, the assignee\'s name, 未指派).' }) label: string;
  @Field(() => DemandCategory, { nullable: true, description: 'The category, when grouped by CATEGORY.' }) category: DemandCategory | null;
  @Field(() => String, { nullable: true, description: 'The month (YYYY-MM, Asia/Shanghai), when grouped by MONTH.' }) month: string | null;
  @Field(() => DemandAssigneeKind, { nullable: true, description: 'The kind of assignee, when grouped by ASSIGNEE.' }) assigneeKind: DemandAssigneeKind | null;
  @Field(() => ID, { nullable: true, description: 'The assignee (CoBuildingUnit, Account or Branch), when grouped by ASSIGNEE and assigned.' }) assigneeId: string | null;
  @Field(() => Int, { description: 'Demands received in the period (duplicates excluded).' }) received: number;
  @Field(() => Int, { description: 'Of those, now resolved or closed.' }) resolved: number;
  @Field(() => Int, { description: 'Of those, still open (正在协调).' }) open: number;
  @Field(() => Int, { description: 'Of those, not taken on (不予受理).' }) rejected: number;
  @Field(() => Int, { description: 'Of those, open and past a deadline they have not met.' }) overdue: number;
  @Field(() => Int, { description: 'Of those, escalated at least once.' }) escalated: number;
  @Field(() => Int, { description: 'Of those, first answered within the first-response deadline.' }) respondedWithinDeadline: number;
  @Field(() => Float, { nullable: true, description: 'Answered within the deadline / those whose response can be judged (0-1).' }) responseRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Resolved / received minus rejected (0-1).' }) resolutionRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Resolved by the resolution deadline / those whose resolution can be judged (0-1).' }) onTimeResolutionRate: number | null;
  @Field(() => Int, { description: 'Of those, rated by the resident.' }) rated: number;
  @Field(() => Float, { nullable: true, description: 'Ratings of 4 or 5 / ratings (满意率, 0-1).' }) satisfactionRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Average hours from receipt to first response.' }) avgFirstResponseHours: number | null;
  @Field(() => Float, { nullable: true, description: '90th percentile (interpolated) of hours from receipt to first response.' }) p90FirstResponseHours: number | null;
  @Field(() => Float, { nullable: true, description: 'Average hours from receipt to resolution.' }) avgResolutionHours: number | null;
  @Field(() => Float, { nullable: true, description: '90th percentile (interpolated) of hours from receipt to resolution.' }) p90ResolutionHours: number | null;
}

const CATEGORY_LABEL: Record<DemandCategory, string> = {
  ENVIRONMENT: '环境卫生', PROPERTY: '物业管理', SAFETY: '安全隐患', NEIGHBOUR_DISPUTE: '邻里纠纷',
  FACILITIES: '公共设施', ELDERLY_CARE: '养老服务', OTHER: '其他',
};

/** States in which a demand still waits for work (as the demand module's OPEN_STATES). */
const OPEN = `('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED')`;
const DONE = `('RESOLVED', 'CLOSED')`;
/** Open and past a deadline not met, on alias `d`. */
const overdueSql = (d: string) => `${d}.state in ${OPEN} and ((${d}.first_responded_at is null and ${d}.first_response_due_at < now())
  or ${d}.resolution_due_at < now())`;
const hours = (to: string, from: string) => `extract(epoch from (${to} - ${from})) / 3600.0`;
/** Midnight of a YYYY-MM-DD day in Asia/Shanghai, as timestamptz. */
const shanghaiMidnight = `(?::date)::timestamp at time zone 'Asia/Shanghai'`;

/** The longest period one call may cover. */
const MAX_DAYS = 3 * 366 + 1;
/** Most rows one call returns: 37 months at most; with ASSIGNEE the assignees with the most demands. */
export const MAX_METRICS_ROWS = 100;

const GROUP_KEY: Record<DemandMetricsGroup, string> = {
  NONE: `'ALL'`,
  CATEGORY: `d.category`,
  MONTH: `to_char(d.created_at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
  ASSIGNEE: `case when d.assigned_unit_id is not null then 'UNIT:' || d.assigned_unit_id
                  when d.assigned_account_id is not null then 'ACCOUNT:' || d.assigned_account_id
                  when d.assigned_branch_id is not null then 'BRANCH:' || d.assigned_branch_id
                  else 'UNASSIGNED' end`,
};

const ASSIGNEE_LABEL = `case when d.assigned_unit_id is not null then (select u.name from co_building_unit u where u.id = d.assigned_unit_id)
                  when d.assigned_account_id is not null then (select a.display_name from account a where a.id = d.assigned_account_id)
                  when d.assigned_branch_id is not null then (select b.name from org_node b where b.id = d.assigned_branch_id)
                  else '未指派' end`;

interface Row {
  gkey: string; glabel: string | null;
  received: string; resolved: string; open: string; rejected: string; overdue: string; escalated: string;
  responded_on_time: string; response_judged: string; resolved_on_time: string; resolution_judged: string;
  rated: string; satisfied: string;
  avg_first: number | null; p90_first: number | null; avg_resolution: number | null; p90_resolution: number | null;
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
const num = (v: number | string | null) => (v == null ? null : Number(v));

function toMetrics(group: DemandMetricsGroup, key: string, label: string, r: Row | undefined): DemandMetrics {
  const c = (v: string | undefined) => Number(v ?? 0);
  const m = new DemandMetrics();
  m.group = group;
  m.key = key;
  m.label = label;
  m.category = group === DemandMetricsGroup.CATEGORY ? (key as DemandCategory) : null;
  m.month = group === DemandMetricsGroup.MONTH ? key : null;
  m.assigneeKind = null;
  m.assigneeId = null;
  if (group === DemandMetricsGroup.ASSIGNEE) {
    const [kind, id] = key.split(':');
    m.assigneeKind = kind as DemandAssigneeKind;
    const type = { UNIT: 'CoBuildingUnit', ACCOUNT: 'Account', BRANCH: 'Branch' }[kind];
    if (type && id) m.assigneeId = m.key = toGlobalId(type, Number(id));
  }
  m.received = c(r?.received);
  m.resolved = c(r?.resolved);
  m.open = c(r?.open);
  m.rejected = c(r?.rejected);
  m.overdue = c(r?.overdue);
  m.escalated = c(r?.escalated);
  m.respondedWithinDeadline = c(r?.responded_on_time);
  m.responseRate = ratio(m.respondedWithinDeadline, c(r?.response_judged));
  m.resolutionRate = ratio(m.resolved, m.received - m.rejected);
  m.onTimeResolutionRate = ratio(c(r?.resolved_on_time), c(r?.resolution_judged));
  m.rated = c(r?.rated);
  m.satisfactionRate = ratio(c(r?.satisfied), m.rated);
  m.avgFirstResponseHours = num(r?.avg_first ?? null);
  m.p90FirstResponseHours = num(r?.p90_first ?? null);
  m.avgResolutionHours = num(r?.avg_resolution ?? null);
  m.p90ResolutionHours = num(r?.p90_resolution ?? null);
  return m;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function badInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument, http: { status: 400 } } });
}

/**
 * May the caller see demand metrics of `node`? Staff: a grant covering the node. Partner tokens with
 * `demands:read`: a node of the token's community (their figures then cover their unit's demands only, through
 * the demand policy's condition). Otherwise UNAUTHENTICATED / FORBIDDEN / not found.
 */
async function assertMetricsAccess(ctx: Context, nodeId: number | null): Promise<OrgNodeEntity> {
  if (ctx.access.principal.kind === 'anonymous') throw unauthenticated();
  const node = nodeId == null ? null : await loadNode(ctx, nodeId);
  if (!node) throw new GraphQLError('找不到该组织 (no such org node)', { extensions: { code: 'NOT_FOUND', argument: 'orgNodeId' } });
  if (ctx.access.isStaff) {
    if (!ctx.access.canRead(node.path)) throw forbidden('无权查看该组织的诉求指标 (the node is outside your scope)');
    return node;
  }
  const community = ctx.access.partnerCommunityId;
  if (!ctx.access.hasScope('demands:read')) throw forbidden('需要 demands:read 权限 (needs scope demands:read)');
  if (community == null || (node.id !== community && node.communityId !== community)) {
    throw forbidden('只能查看签发令牌的社区的诉求指标 (only the token\'s community)');
  }
  return node;
}

/** Demand metrics of `orgNodeId`'s subtree for demands received in [from, to) (Asia/Shanghai days). */
export async function demandMetrics(ctx: Context, orgNodeId: number | null, from: string, to: string, group: DemandMetricsGroup): Promise<DemandMetrics[]> {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (!(days > 0)) throw badInput('结束日期应晚于开始日期 (`to` must be after `from`)', 'to');
  if (days > MAX_DAYS) throw badInput('统计区间最长三年 (the period may span at most 3 years)', 'to');
  const node = await assertMetricsAccess(ctx, orgNodeId);
  // Staff reach here only when a grant covers the node, and so every demand whose org node lies in its subtree
  // (the policy's first read rule): the condition would only repeat that check per row. Partners keep it (their
  // unit's demands).
  const readable = ctx.access.isStaff ? { sql: 'true', params: [] } : condition(ctx, 'read', 'Demand', 'd');
  const scope = demandsUnder(node);
  const rows = readable.sql === 'false' ? [] : await readSql<Row>(ctx.em,
    `select ${GROUP_KEY[group]} as gkey,
            ${group === DemandMetricsGroup.ASSIGNEE ? `min(${ASSIGNEE_LABEL})` : 'null'} as glabel,
            count(*) as received,
            count(*) filter (where d.state in ${DONE}) as resolved,
            count(*) filter (where d.state in ${OPEN}) as open,
            count(*) filter (where d.state = 'REJECTED') as rejected,
            count(*) filter (where ${overdueSql('d')}) as overdue,
            count(*) filter (where d.escalation_level > 0) as escalated,
            count(*) filter (where d.first_responded_at <= d.first_response_due_at) as responded_on_time,
            count(*) filter (where d.first_responded_at is not null or d.first_response_due_at <= now()) as response_judged,
            count(*) filter (where d.state in ${DONE} and d.resolved_at <= d.resolution_due_at) as resolved_on_time,
            count(*) filter (where d.state in ${DONE} or (d.state <> 'REJECTED' and d.resolution_due_at <= now())) as resolution_judged,
            count(d.rating) as rated,
            count(*) filter (where d.rating >= 4) as satisfied,
            avg(${hours('d.first_responded_at', 'd.created_at')})::float8 as avg_first,
            percentile_cont(0.9) within group (order by ${hours('d.first_responded_at', 'd.created_at')}) as p90_first,
            avg(case when d.state in ${DONE} then ${hours('d.resolved_at', 'd.created_at')} end)::float8 as avg_resolution,
            percentile_cont(0.9) within group (order by case when d.state in ${DONE} then ${hours('d.resolved_at', 'd.created_at')} end) as p90_resolution
       from demand d
      where ${scope.sql}
        and d.created_at >= ${shanghaiMidnight} and d.created_at < ${shanghaiMidnight}
        and d.state <> 'DUPLICATE'
        and ${readable.sql}
      group by 1
      order by ${group === DemandMetricsGroup.ASSIGNEE ? 'count(*) desc, 1' : '1'}
      limit ${MAX_METRICS_ROWS}`,
    [...scope.params, from, to, ...readable.params]);

  const byKey = new Map(rows.map((r) => [r.gkey, r]));
  switch (group) {
    case DemandMetricsGroup.NONE:
      return [toMetrics(group, 'ALL', '全部', byKey.get('ALL'))];
    case DemandMetricsGroup.CATEGORY:
      return Object.values(DemandCategory).map((c) => toMetrics(group, c, CATEGORY_LABEL[c], byKey.get(c)));
    case DemandMetricsGroup.MONTH: {
      const months: string[] = [];
      const last = day(new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000)).slice(0, 7);
      let [y, m] = from.slice(0, 7).split('-').map(Number);
      for (;;) {
        const key = `${y}-${String(m).padStart(2, '0')}`;
        months.push(key);
        if (key >= last) break;
        if (++m > 12) [y, m] = [y + 1, 1];
      }
      return months.map((k) => toMetrics(group, k, `${k.slice(0, 4)}年${Number(k.slice(5))}月`, byKey.get(k)));
    }
    case DemandMetricsGroup.ASSIGNEE:
      return rows.map((r) => toMetrics(group, r.gkey, r.glabel ?? '未指派', r));
  }
}

@Resolver(() => DemandMetrics)
export class DemandMetricsResolver {
  @ListBound(MAX_METRICS_ROWS)
  @Query(() => [DemandMetrics], {
    description: 'Demand metrics (诉求办理指标) of an org node\'s whole subtree for the demands received from `from` to the day before `to` '
      + '(Asia/Shanghai), grouped as asked; definitions in docs/metrics.md. Staff: nodes their grants cover. Partner tokens with demands:read: '
      + 'their community, counting the demands assigned to their unit.',
  })
  demandMetrics(
    @Arg('orgNodeId', () => ID, { description: 'The org node (a street or community committee, a branch ...).' }) orgNodeId: string,
    @Arg('from', () => DateResolver, { description: 'First day of the period (Asia/Shanghai), included.' }) from: Date,
    @Arg('to', () => DateResolver, { description: 'Day after the period (Asia/Shanghai), excluded.' }) to: Date,
    @Arg('groupBy', () => DemandMetricsGroup, { defaultValue: DemandMetricsGroup.NONE, description: 'How to split the rows.' }) groupBy: DemandMetricsGroup,
    @Ctx() ctx: Context,
  ): Promise<DemandMetrics[]> {
    return demandMetrics(ctx, idOf(orgNodeId, ...ORG_TYPE_NAMES), day(from), day(to), groupBy);
  }
}

// ---- OrgNode.stats ---------------------------------------------------------------------------------------

/** Midnight of 1 January of the current year in Asia/Shanghai. */
const YEAR_START = `(date_trunc('year', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai')`;
/**
 * The communities a node's demands can belong to: the community committees in its subtree, and its own community.
 * Naming them lets the community index bound the scan, so a count costs the same in a city of 10 or 100
 * communities (without it the planner may walk every demand of the city).
 */
const communitiesUnder = (n: string) => `array(select c.id from org_node c where c.level = 'COMMUNITY' and ${inSubtree('c', n)} union select ${n}.community_id)`;
const inNode = (n: string) => `from demand d join org_node o on o.id = d.org_node_id where ${inSubtree('o', n)} and d.community_id = any(${communitiesUnder(n)}) and d.state <> 'DUPLICATE'`;

// Kept in org_rollup without the community bound: tenancy keeps a demand's community_id (never null) equal to its
// node's community, so the bound never leaves out a demand of the subtree; it only lets the live count use the
// community index.
const demandCounter = (where: string, thisYear = false) => ({
  table: 'demand', node: 'org_node_id', where: `state <> 'DUPLICATE' and ${where}`,
  ...(thisYear ? { period: { column: 'created_at', span: 'year' as const } } : {}),
});
registerOrgStat({ field: 'openDemandCount', sql: (n) => `(select count(*) ${inNode(n)} and d.state in ${OPEN})`, counter: demandCounter(`state in ${OPEN}`) });
registerOrgStat({
  field: 'overdueDemandCount',
  sql: (n) => `(select count(*) ${inNode(n)} and ${overdueSql('d')})`,
  live: 'whether an open demand is overdue changes with the clock (its deadlines pass), not with a write. Bounded by the '
    + 'subtree\'s communities and the open states: demand_open_community_idx (community_id, with the deadlines, open '
    + 'demands only) reads only the open demands of those communities',
});
registerOrgStat({ field: 'demandsReceivedThisYear', sql: (n) => `(select count(*) ${inNode(n)} and d.created_at >= ${YEAR_START})`, counter: demandCounter('true', true) });
registerOrgStat({
  field: 'demandsResolvedThisYear',
  sql: (n) => `(select count(*) ${inNode(n)} and d.created_at >= ${YEAR_START} and d.state in ${DONE})`,
  counter: demandCounter(`state in ${DONE}`, true),
});
// two counts, so that "nothing rated" stays null instead of 0
registerOrgStat({
  field: 'demandsRatedThisYear',
  sql: (n) => `(select count(d.rating) ${inNode(n)} and d.created_at >= ${YEAR_START})`,
  counter: demandCounter('rating is not null', true),
});
registerOrgStat({
  field: 'demandsSatisfiedThisYear',
  sql: (n) => `(select count(*) ${inNode(n)} and d.created_at >= ${YEAR_START} and d.rating >= 4)`,
  counter: demandCounter('rating >= 4', true),
});

@Resolver(() => OrgStats)
export class DemandOrgStatsMetricsResolver {
  @FieldResolver(() => Int, { description: 'Resident demands (诉求) in the subtree still open (正在协调).' })
  openDemandCount(@Root() stats: OrgStatValues): number { return stats.openDemandCount; }

  @FieldResolver(() => Int, { description: 'Open demands in the subtree past a deadline they have not met.' })
  overdueDemandCount(@Root() stats: OrgStatValues): number { return stats.overdueDemandCount; }

  @FieldResolver(() => Int, { description: 'Demands received in the subtree since 1 January (Asia/Shanghai).' })
  demandsReceivedThisYear(@Root() stats: OrgStatValues): number { return stats.demandsReceivedThisYear; }

  @FieldResolver(() => Int, { description: 'Demands received this year in the subtree and now resolved or closed.' })
  demandsResolvedThisYear(@Root() stats: OrgStatValues): number { return stats.demandsResolvedThisYear; }

  @FieldResolver(() => Int, { description: 'Demands received this year in the subtree that residents rated.' })
  demandsRatedThisYear(@Root() stats: OrgStatValues): number { return stats.demandsRatedThisYear; }

  @FieldResolver(() => Float, { nullable: true, description: 'Satisfaction rate (满意率, ratings 4-5 over ratings, 0-1) of this year\'s demands; null when none was rated.' })
  demandSatisfactionRateThisYear(@Root() stats: OrgStatValues): number | null {
    return ratio(stats.demandsSatisfiedThisYear, stats.demandsRatedThisYear);
  }
}

export const demandMetricsResolvers = [DemandMetricsResolver, DemandOrgStatsMetricsResolver];
