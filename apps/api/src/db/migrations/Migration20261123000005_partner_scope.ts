import { Migration } from '@mikro-orm/migrations';

/**
 * Partner tokens belong to the community that issued them: a token reaches its unit's objects of that
 * community only, and only that community's committee admins manage it.
 *
 * Existing tokens get the community of their creator's committee-admin grant among the unit's communities,
 * or else the unit's first community (the demo token: 红康社区). A token whose unit works with no community
 * cannot be scoped and is revoked. The pair (unit, community) must be one where the unit works with the
 * community.
 */
export const PARTNER_SCOPE_UP = [
  `alter table partner_token add column community_id integer`,
  `update partner_token t set community_id = coalesce(
     (select uc.community_id from unit_community uc join org_node c on c.id = uc.community_id
      where uc.unit_id = t.unit_id
        and exists (select 1 from access_grant g join org_node gn on gn.id = g.org_node_id
                    where g.account_id = t.created_by and g.role = 'COMMITTEE_ADMIN' and starts_with(c.path, gn.path))
      order by uc.since nulls first, uc.community_id limit 1),
     (select uc.community_id from unit_community uc where uc.unit_id = t.unit_id order by uc.since nulls first, uc.community_id limit 1))`,
  `update partner_token set revoked_at = now() where community_id is null and revoked_at is null`,
  `alter table partner_token
     add constraint partner_token_unit_community_fk foreign key (unit_id, community_id) references unit_community (unit_id, community_id),
     add constraint partner_token_community_check check (community_id is not null or revoked_at is not null)`,
  `create index partner_token_community_idx on partner_token (community_id, unit_id)`,
];

export const PARTNER_SCOPE_DOWN = [`alter table partner_token drop column community_id`];

export class Migration20261123000005_partner_scope extends Migration {
  override async up(): Promise<void> {
    for (const statement of PARTNER_SCOPE_UP) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const statement of PARTNER_SCOPE_DOWN) this.addSql(statement);
  }
}
