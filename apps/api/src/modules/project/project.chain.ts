/** What the Party-building project ledger adds to the org chain: its tenant table and the projects in each node's stats. */
import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { OrgStats, registerOrgStat, registerTenantTable, statInSubtree, type OrgStatValues } from '../org/index.js';

// a project belongs to the community of its owner node
registerTenantTable({ table: 'party_project', via: 'org_node_id' });
registerOrgStat({
  field: 'partyProjectCount',
  sql: (n) => `(select count(*) from party_project p join org_node o on o.id = p.org_node_id where ${statInSubtree('o', n)})`,
  counter: { table: 'party_project', node: 'org_node_id', where: 'true' },
});

@Resolver(() => OrgStats)
export class ProjectOrgStatsResolver {
  @FieldResolver(() => Int, { description: 'Party-building projects (党建项目) in the ledger, in the subtree.' })
  partyProjectCount(@Root() stats: OrgStatValues): number { return stats.partyProjectCount; }
}
