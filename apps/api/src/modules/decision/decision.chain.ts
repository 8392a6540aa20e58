/** What public decisions add to the org chain: tenant tables and the decisions under way in each node's stats. */
import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { OrgStats, registerOrgStat, registerTenantTable, statInSubtree, type OrgStatValues } from '../org/index.js';

registerTenantTable({ table: 'decision', via: 'org_node_id' });
registerTenantTable({ table: 'decision_opinion', via: 'org_node_id' });
registerOrgStat({
  field: 'openDecisionCount',
  sql: (n) => `(select count(*) from decision d join org_node o on o.id = d.org_node_id where ${statInSubtree('o', n)} and d.state not in ('DECISION_PUBLISHED', 'RESULT_PUBLISHED'))`,
  counter: { table: 'decision', node: 'org_node_id', where: `state not in ('DECISION_PUBLISHED', 'RESULT_PUBLISHED')` },
});

@Resolver(() => OrgStats)
export class DecisionOrgStatsResolver {
  @FieldResolver(() => Int, { description: 'Public decisions (一征三议两公开) not yet published, in the subtree.' })
  openDecisionCount(@Root() stats: OrgStatValues): number { return stats.openDecisionCount; }
}
