/**
 * Volunteer service hours (服务时长) per calendar month over an org node's subtree (`OrgNode.serviceHoursMonths`),
 * for the dashboard's charts: one statement per batch of nodes, empty months included. A street or community
 * committee counts every hour credited in its communities; a branch and the nodes below it count the hours served
 * at activities they organised (hours recorded by hand belong to the community only).
 */
import { Arg, Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { ListBound } from '../../graphql/cost.js';
import { sql } from '../../db/sql.js';
import { OrgNode, type OrgNodeEntity } from '../org/index.js';
import { MAX_MONTHS, recentMonths } from '../activity/index.js';

@ObjectType('ServiceHoursMonth', { description: 'Volunteer service hours of one calendar month in a subtree.' })
export class ServiceHoursMonth {
  @Field(() => String, { description: 'The month, YYYY-MM.' }) month: string;
  @Field(() => Float, { description: 'Hours served (服务时长) in the month.' }) hours: number;
  @Field(() => Int, { description: 'Volunteers who served in the month.' }) volunteerCount: number;
}

function serviceHoursMonthsOf(ctx: Context, node: OrgNodeEntity, count: number): Promise<ServiceHoursMonth[]> {
  const months = recentMonths(count);
  return ctx.loaders
    .get<number, ServiceHoursMonth[]>(`volunteer.hoursMonths:${count}:${months[0].month}`, async (ids) => {
      const rows = await sql<{ node_id: number; month: string; hours: string; volunteers: string }>(ctx.em,
        `select n.id as node_id, to_char(sr.served_on, 'YYYY-MM') as month, sum(sr.hours) as hours, count(distinct sr.volunteer_id) as volunteers
         from org_node n
         join service_record sr on sr.served_on >= ?::date
         join org_node c on c.id = sr.community_id
         left join activity a on a.id = sr.activity_id
         left join org_node o on o.id = a.organizer_id
         where n.id = any(?::int[])
           and case when n.level in ('STREET', 'COMMUNITY') then c.path >= n.path and c.path < n.path || '~'
                    else o.path is not null and o.path >= n.path and o.path < n.path || '~' end
         group by 1, 2`,
        [`${months[0].month}-01`, [...ids]]);
      const byKey = new Map(rows.map((r) => [`${r.node_id}:${r.month}`, r]));
      return ids.map((id) => months.map(({ month }) => {
        const row = byKey.get(`${id}:${month}`);
        return { month, hours: Number(row?.hours ?? 0), volunteerCount: Number(row?.volunteers ?? 0) };
      }));
    })
    .load(node.id);
}

@Resolver(() => OrgNode)
export class OrgNodeServiceHoursMonthsResolver {
  @FieldResolver(() => [ServiceHoursMonth], { description: 'Volunteer service hours per calendar month (Asia/Shanghai), oldest first, ending with this month; empty months included. Committees count every hour credited in their communities, lower nodes the hours served at activities they organised.' })
  @ListBound(MAX_MONTHS)
  serviceHoursMonths(
    @Root() node: OrgNodeEntity,
    @Arg('months', () => Int, { defaultValue: 12, description: `How many months, 1 to ${MAX_MONTHS}.` }) months: number,
    @Ctx() ctx: Context,
  ): Promise<ServiceHoursMonth[]> {
    return serviceHoursMonthsOf(ctx, node, months);
  }
}
