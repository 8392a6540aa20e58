import { Migration } from '@mikro-orm/migrations';

/** Co-building partner units (共建单位) and the communities they work with. */
export class Migration20261123000002_units extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table co_building_unit (
        id serial primary key,
        name text not null unique check (length(name) between 1 and 100),
        kind text not null check (kind in ('GOVERNMENT_OFFICE', 'HOSPITAL', 'SCHOOL', 'ENTERPRISE', 'PROPERTY_MANAGEMENT', 'OWNERS_COMMITTEE', 'SOCIAL_ORGANIZATION')),
        party_org_name text,
        contact_name text,
        contact_phone text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create table unit_community (
        unit_id integer not null references co_building_unit (id),
        community_id integer not null references org_node (id),
        since date,
        primary key (unit_id, community_id)
      );
      create index unit_community_community_idx on unit_community (community_id);
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table unit_community, co_building_unit;');
  }
}
