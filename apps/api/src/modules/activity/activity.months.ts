/**
 * Activities per calendar month over an org node's subtree (`OrgNode.activityMonths`), for the dashboard's
 * charts: one statement per batch of nodes, empty months included.
 */
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { GraphQLError } from 'graphql';
import type { Context } from '../../graphql/context.js';
import { ListBound } from '../../graphql/cost.js';
import { sql } from '../../db/sql.js';
import { OrgNode, type OrgNodeEntity } from '../org/index.js';
import { fromShanghai, shanghai } from './activity.time.js';

/** The most months a monthly series reaches back. */
export const MAX_MONTHS = 24;

/** The last `count` calendar months in Asia/Shanghai, oldest first, ending with the month of `now`: 'YYYY-MM' and the instant it starts. */
export function recentMonths(count: number, now = new Date()): { month: string; from: Date }[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_MONTHS) {
    throw new GraphQLError(`\`months\` must be between 1 and ${MAX_MONTHS}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'months', http: { status: 400 } } });
  }
  const { year, month } = shanghai(now);
  return Array.from({ length: count }, (_, i) => {
    const from = fromShanghai(year, month - (count - 1 - i), 1);
    const local = shanghai(from);
    return { month: `${local.year}-${String(local.month).padStart(2, '0')}`, from };
  });
}

@ObjectType('ActivityMonth', { description: 'Activities of one calendar month (Asia/Shanghai) in a subtree.' })
export class ActivityMonth {
  @Field(() => String, { description: 'The month, YYYY-MM.' }) month: string;
  @Field(() => Int, { description: 'Published or finished activities organised in the subtree that start in the month.' }) activityCount: number;
  @Field(() => Int, { description: 'Residents checked in (签到) at those activities.' }) checkedInCount: number;
}

function activityMonthsOf(ctx: Context, node: OrgNodeEntity, count: number): Promise<ActivityMonth[]> {
  const months = recentMonths(count);
  return ctx.loaders
    .get<number, ActivityMonth[]>(`activity.months:${count}:${months[0].month}`, async (ids) => {
      const rows = await sql<{ node_id: number; month: string; activities: string; checked_in: string }>(ctx.em,
        `select n.id as node_id, to_char(a.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*) as activities,
                coalesce(sum((select count(*) from registration r where r.activity_id = a.id and r.status in ('CHECKED_IN', 'CHECKED_OUT'))), 0) as checked_in
         from org_node n
         join org_node o on o.path >= n.path and o.path < n.path || '~'
         join activity a on a.organizer_id = o.id
         where n.id = any(?::int[]) and a.status in ('PUBLISHED', 'FINISHED') and a.starts_at >= ?
           and a.starts_at < ?
         group by 1, 2`,
        [[...ids], months[0].from, fromShanghai(shanghai(months.at(-1)!.from).year, shanghai(months.at(-1)!.from).month + 1, 1)]);
      const byNode = new Map<string, { activities: string; checked_in: string }>(rows.map((r) => [`${r.node_id}:${r.month}`, r]));
      return ids.map((id) => months.map(({ month }) => {
        const row = byNode.get(`${id}:${month}`);
        return { month, activityCount: Number(row?.activities ?? 0), checkedInCount: Number(row?.checked_in ?? 0) };
      }));
    })
    .load(node.id);
}

@Resolver(() => OrgNode)
export class OrgNodeActivityMonthsResolver {
  @FieldResolver(() => [ActivityMonth], { description: 'Activities per calendar month (Asia/Shanghai) over the whole subtree, oldest first, ending with this month; empty months included.' })
  @ListBound(MAX_MONTHS)
  activityMonths(
    @Root() node: OrgNodeEntity,
    @Arg('months', () => Int, { defaultValue: 12, description: `How many months, 1 to ${MAX_MONTHS}.` }) months: number,
    @Ctx() ctx: Context,
  ): Promise<ActivityMonth[]> {
    return activityMonthsOf(ctx, node, months);
  }
}
