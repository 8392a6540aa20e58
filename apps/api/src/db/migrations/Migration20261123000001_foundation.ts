import { Migration } from '@mikro-orm/migrations';

/** The org chain, Party members, households, staff accounts, sessions and grants. */
export class Migration20261123000001_foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table org_node (
        id serial primary key,
        parent_id integer references org_node (id),
        -- tenant key: the community committee this row belongs to (null for street level)
        community_id integer references org_node (id),
        level text not null check (level in ('STREET', 'COMMUNITY', 'BRANCH', 'BUILDING_GROUP', 'MEMBER_HOUSEHOLD')),
        branch_kind text check (branch_kind in ('GRID', 'RESIDENTIAL', 'COURTYARD', 'PROPERTY', 'UNIT')),
        name text not null check (length(name) between 1 and 100),
        -- materialized path of ids, root first: '/1/5/23/'; C collation so a subtree is one index range
        path text collate "C" not null unique,
        depth integer not null,
        brand text,
        address text,
        buildings text[] not null default '{}',
        archived_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        check ((level = 'BRANCH') = (branch_kind is not null))
      );
      create index org_node_parent_idx on org_node (parent_id, name, id);
      create index org_node_community_idx on org_node (community_id);

      create table party_member (
        id serial primary key,
        community_id integer references org_node (id),
        org_node_id integer not null references org_node (id),
        name text not null,
        gender text not null check (gender in ('MALE', 'FEMALE')),
        joined_on date,
        status text not null check (status in ('FULL', 'PROBATIONARY')),
        phone text,
        archived_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create index party_member_org_idx on party_member (org_node_id, name, id);
      create index party_member_community_idx on party_member (community_id);

      create table member_position (
        id serial primary key,
        community_id integer references org_node (id),
        member_id integer not null references party_member (id),
        org_node_id integer not null references org_node (id),
        role text not null check (role in ('SECRETARY', 'DEPUTY_SECRETARY', 'COMMITTEE_MEMBER', 'BUILDING_HEAD', 'HOUSEHOLD_HEAD')),
        since date,
        until date,
        created_at timestamptz not null default now()
      );
      create index member_position_org_idx on member_position (org_node_id, role);
      create index member_position_member_idx on member_position (member_id);
      create unique index member_position_live_uq on member_position (member_id, org_node_id, role) where until is null;

      create table household (
        id serial primary key,
        community_id integer not null references org_node (id),
        -- the lowest org node that looks after the household (usually a member household, 联户)
        org_node_id integer not null references org_node (id),
        compound text not null,
        building text not null,
        unit text not null default '',
        room text not null,
        head_name text not null,
        size integer not null default 1 check (size between 1 and 50),
        phone text,
        care_categories text[] not null default '{}',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create index household_org_idx on household (org_node_id, id);
      create index household_community_idx on household (community_id);

      create table account (
        id serial primary key,
        username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
        password_hash text not null,
        display_name text not null,
        disabled_at timestamptz,
        created_at timestamptz not null default now()
      );

      create table account_session (
        id serial primary key,
        account_id integer not null references account (id) on delete cascade,
        token_hash text not null unique,
        expires_at timestamptz not null,
        revoked_at timestamptz,
        created_at timestamptz not null default now(),
        last_used_at timestamptz
      );
      create index account_session_account_idx on account_session (account_id);

      create table access_grant (
        id serial primary key,
        account_id integer not null references account (id) on delete cascade,
        org_node_id integer not null references org_node (id),
        role text not null check (role in ('COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER')),
        created_at timestamptz not null default now(),
        unique (account_id, org_node_id, role)
      );
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table access_grant, account_session, account, household, member_position, party_member, org_node cascade;');
  }
}
