/** What households add to the org chain: their count in every node's roll-up, and their tenant keys. */
import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { OrgStats, registerOrgStat, registerTenantTable, statInSubtree as inSubtree, type OrgStatValues } from '../org/index.js';

// a household belongs to the community of the node that looks after it
registerTenantTable({ table: 'household', via: 'org_node_id' });
// places and grids are the community's territory: they stay when a branch moves
registerTenantTable({ table: 'compound', fixed: 'a compound lies in its community’s territory' });
registerTenantTable({ table: 'building', fixed: 'a building lies in its community’s territory' });
registerTenantTable({ table: 'grid', fixed: 'a grid is a cell of its community’s territory' });

registerOrgStat({
  field: 'householdCount',
  sql: (n) => `(select count(*) from household h join org_node o on o.id = h.org_node_id
             where ${inSubtree('o', n)})`,
  counter: { table: 'household', node: 'org_node_id', where: 'true' },
});

@Resolver(() => OrgStats)
export class HouseholdOrgStatsResolver {
  @FieldResolver(() => Int, { description: 'Households (户) looked after in the subtree.' })
  householdCount(@Root() stats: OrgStatValues): number {
    return stats.householdCount;
  }
}
