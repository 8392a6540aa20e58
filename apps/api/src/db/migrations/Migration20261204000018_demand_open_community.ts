import { Migration } from '@mikro-orm/migrations';

/**
 * The open demands of a community, with their deadlines, in one small index: `overdueDemandCount` (OrgNode.stats,
 * live because a deadline passes without a write) and the open-demand counts read only the open demands of the
 * subtree's communities from it (an index-only scan on vacuumed pages). Without it the planner took the city-wide
 * `demand_open_due_idx` (every open demand of the city by resolution deadline) and filtered by community, a cost
 * that grew with the city: 5,000 open demands read for one community at 10 communities, 50,000 at 100.
 */
export const DEMAND_OPEN_COMMUNITY_UP = [
  `create index if not exists demand_open_community_idx on demand (community_id)
     include (org_node_id, first_responded_at, first_response_due_at, resolution_due_at)
     where state in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED')`,
];

export const DEMAND_OPEN_COMMUNITY_DOWN = [`drop index if exists demand_open_community_idx`];

export class Migration20261204000018_demand_open_community extends Migration {
  override async up(): Promise<void> {
    for (const statement of DEMAND_OPEN_COMMUNITY_UP) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const statement of DEMAND_OPEN_COMMUNITY_DOWN) this.addSql(statement);
  }
}
