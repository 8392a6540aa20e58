/** What hazards and patrols add to the org chain: tenant tables and the open and fixed hazards in each node's stats. */
import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { OrgStats, registerOrgStat, registerTenantTable, statInSubtree, type OrgStatValues } from '../org/index.js';

registerTenantTable({ table: 'hazard', via: 'org_node_id' });
registerTenantTable({ table: 'patrol', via: 'org_node_id' });
registerOrgStat({
  field: 'openHazardCount',
  sql: (n) => `(select count(*) from hazard h join org_node o on o.id = h.org_node_id where ${statInSubtree('o', n)} and h.state in ('FOUND', 'ASSIGNED'))`,
  counter: { table: 'hazard', node: 'org_node_id', where: `state in ('FOUND', 'ASSIGNED')` },
});
registerOrgStat({
  field: 'fixedHazardCount',
  sql: (n) => `(select count(*) from hazard h join org_node o on o.id = h.org_node_id where ${statInSubtree('o', n)} and h.state in ('FIXED', 'VERIFIED'))`,
  counter: { table: 'hazard', node: 'org_node_id', where: `state in ('FIXED', 'VERIFIED')` },
});

@Resolver(() => OrgStats)
export class HazardOrgStatsResolver {
  @FieldResolver(() => Int, { description: 'Safety hazards (安全隐患) found and not fixed yet, in the subtree.' })
  openHazardCount(@Root() stats: OrgStatValues): number { return stats.openHazardCount; }

  @FieldResolver(() => Int, { description: 'Safety hazards fixed (整改完成 or 已验收), in the subtree.' })
  fixedHazardCount(@Root() stats: OrgStatValues): number { return stats.fixedHazardCount; }
}
