/** What households add to the org chain: their count in every node's roll-up. */
import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { OrgStats } from '../org/org.types.js';
import { inSubtree, registerOrgStat, type OrgStatValues } from '../org/org.stats.js';

registerOrgStat({
  field: 'householdCount',
  sql: (n) => `(select count(*) from household h join org_node o on o.id = h.org_node_id
             where ${inSubtree('o', n)})`,
});

@Resolver(() => OrgStats)
export class HouseholdOrgStatsResolver {
  @FieldResolver(() => Int, { description: 'Households (户) looked after in the subtree.' })
  householdCount(@Root() stats: OrgStatValues): number {
    return stats.householdCount;
  }
}
