/** What activities add to the org chain: this month's activities in every node's roll-up, and their tenant keys. */
import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { OrgStats, registerOrgStat, registerTenantTable, statInSubtree as inSubtree, type OrgStatValues } from '../org/index.js';

// activities follow their organiser when part of the chain moves to another community; their sign-ups and
// series follow them
registerTenantTable({ table: 'activity', via: 'organizer_id' });
registerTenantTable({ table: 'registration', via: { sql: 't.activity_id in (select a.id from activity a where a.organizer_id in (select id from moved))' } });
registerTenantTable({ table: 'activity_series', via: { sql: 't.id in (select a.series_id from activity a where a.organizer_id in (select id from moved))' } });
registerTenantTable({ table: 'venue', fixed: "a community's own venue (阵地)" });

// published (or finished) activities organised in the subtree, starting this calendar month in Asia/Shanghai (UTC+8)
registerOrgStat({
  field: 'activitiesThisMonth',
  sql: (n) => `(select count(*) from activity a join org_node o on o.id = a.organizer_id
             where ${inSubtree('o', n)} and a.status in ('PUBLISHED', 'FINISHED')
               and a.starts_at >= (date_trunc('month', (now() at time zone 'UTC') + interval '8 hours') - interval '8 hours') at time zone 'UTC'
               and a.starts_at < (date_trunc('month', (now() at time zone 'UTC') + interval '8 hours') + interval '1 month' - interval '8 hours') at time zone 'UTC')`,
  // Asia/Shanghai keeps UTC+8 all year: its month buckets are the months above
  counter: { table: 'activity', node: 'organizer_id', where: `status in ('PUBLISHED', 'FINISHED')`, period: { column: 'starts_at', span: 'month' } },
});

@Resolver(() => OrgStats)
export class ActivityOrgStatsResolver {
  @FieldResolver(() => Int, { description: 'Published activities (活动) organised in the subtree that start this calendar month (Asia/Shanghai).' })
  activitiesThisMonth(@Root() stats: OrgStatValues): number {
    return stats.activitiesThisMonth;
  }
}
