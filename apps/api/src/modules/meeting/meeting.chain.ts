/** What meetings add to the org chain: tenant tables, and the meetings held this year in each node's stats. */
import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { OrgStats, registerOrgStat, registerTenantTable, statInSubtree, type OrgStatValues } from '../org/index.js';

registerTenantTable({ table: 'meeting', via: 'org_node_id' });
registerTenantTable({ table: 'meeting_schedule', via: 'org_node_id' });
registerTenantTable({ table: 'meeting_requirement', fixed: "a community's own settings: they do not follow a branch that moves" });
registerOrgStat({
  field: 'meetingsHeldThisYear',
  sql: (n) => `(select count(*) from meeting m join org_node o on o.id = m.org_node_id
               where ${statInSubtree('o', n)} and m.status = 'HELD' and m.starts_at >= date_trunc('year', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai')`,
  counter: { table: 'meeting', node: 'org_node_id', where: `status = 'HELD'`, period: { column: 'starts_at', span: 'year' } },
});

@Resolver(() => OrgStats)
export class MeetingOrgStatsResolver {
  @FieldResolver(() => Int, { description: 'Meetings held in the subtree this calendar year (Asia/Shanghai).' })
  meetingsHeldThisYear(@Root() stats: OrgStatValues): number { return stats.meetingsHeldThisYear; }
}
