/** What party members add to the org chain: their count in every node's roll-up, and their tenant key. */
import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { OrgStats, registerOrgStat, registerTenantTable, statInSubtree as inSubtree, type OrgStatValues } from '../org/index.js';

// members and positions belong to the community of the node they are on
registerTenantTable({ table: 'party_member', via: 'org_node_id' });
registerTenantTable({ table: 'member_position', via: 'org_node_id' });

registerOrgStat({
  field: 'memberCount',
  sql: (n) => `(select count(*) from party_member m join org_node o on o.id = m.org_node_id
             where ${inSubtree('o', n)} and m.archived_at is null)`,
  counter: { table: 'party_member', node: 'org_node_id', where: 'archived_at is null' },
});

@Resolver(() => OrgStats)
export class MemberOrgStatsResolver {
  @FieldResolver(() => Int, { description: 'Party members (党员) in the subtree.' })
  memberCount(@Root() stats: OrgStatValues): number {
    return stats.memberCount;
  }
}
