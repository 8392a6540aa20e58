import { Migration } from '@mikro-orm/migrations';

/**
 * A community's demands by state without reading the table: `demand_community_idx` (community_id, state,
 * created_at desc) becomes (community_id, state, created_at desc, id desc) and carries the columns the read policy
 * and the subtree filter look at (org_node_id, assigned_branch_id, assigned_account_id). A community's counts per
 * state and its total in one state are then index-only scans (on vacuumed pages), and its list in one state, newest
 * first, is in index order; none of them depends on how the community's rows lie among the city's heap pages.
 */
export const DEMAND_COMMUNITY_COVER_UP = [
  `drop index if exists demand_community_idx`,
  `create index demand_community_idx on demand (community_id, state, created_at desc, id desc) include (org_node_id, assigned_branch_id, assigned_account_id)`,
];

export const DEMAND_COMMUNITY_COVER_DOWN = [
  `drop index if exists demand_community_idx`,
  `create index demand_community_idx on demand (community_id, state, created_at desc)`,
];

export class Migration20261203000017_demand_community_cover extends Migration {
  override async up(): Promise<void> {
    for (const statement of DEMAND_COMMUNITY_COVER_UP) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const statement of DEMAND_COMMUNITY_COVER_DOWN) this.addSql(statement);
  }
}
