import { Migration } from '@mikro-orm/migrations';

/**
 * Activities (活动) with venues (阵地), recurring series, co-host units, registrations (报名) with a waiting list
 * and check-in, volunteers and teams (志愿服务队), service hours (服务时长) and recognitions (优秀志愿者).
 */
export class Migration20261123000004_activities extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table venue (
        id serial primary key,
        community_id integer not null references org_node (id),
        name text not null check (length(name) between 1 and 100),
        address text not null default '' check (length(address) <= 200),
        capacity integer check (capacity is null or capacity > 0),
        archived_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (community_id, name)
      );

      -- a recurring series (每周五, 每月第一个周六): each occurrence is its own activity row
      create table activity_series (
        id serial primary key,
        community_id integer not null references org_node (id),
        frequency text not null check (frequency in ('WEEKLY', 'MONTHLY')),
        interval integer not null default 1 check (interval between 1 and 12),
        label text not null check (length(label) between 1 and 50),
        created_at timestamptz not null default now()
      );

      create table activity (
        id serial primary key,
        community_id integer not null references org_node (id),
        -- the committee or branch that runs it; access follows this node's path
        organizer_id integer not null references org_node (id),
        series_id integer references activity_series (id),
        title text not null check (length(title) between 1 and 100),
        category text not null check (category in ('PARTY_DAY', 'VOLUNTEER_SERVICE', 'SERVICE_FAIR', 'LEGAL_AID', 'HEALTH_CLINIC', 'CULTURE', 'LECTURE', 'SPORTS', 'OTHER')),
        description text not null default '' check (length(description) <= 5000),
        venue_id integer references venue (id),
        starts_at timestamptz not null,
        ends_at timestamptz not null,
        -- null: no limit
        capacity integer check (capacity is null or capacity > 0),
        registration_opens_at timestamptz,
        registration_closes_at timestamptz,
        audience text not null default 'PUBLIC' check (audience in ('PUBLIC', 'MEMBERS_ONLY')),
        status text not null default 'DRAFT' check (status in ('DRAFT', 'PUBLISHED', 'CANCELLED', 'FINISHED')),
        cover_image_url text check (length(cover_image_url) <= 500),
        published_at timestamptz,
        cancelled_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        check (ends_at > starts_at),
        check (registration_opens_at is null or registration_closes_at is null or registration_opens_at < registration_closes_at)
      );
      -- the public list: published or finished public activities by start time
      create index activity_public_idx on activity (starts_at, id) where audience = 'PUBLIC' and status in ('PUBLISHED', 'FINISHED');
      create index activity_community_idx on activity (community_id, starts_at, id);
      create index activity_organizer_idx on activity (organizer_id, starts_at);
      create index activity_series_idx on activity (series_id, starts_at);

      create table activity_co_host (
        activity_id integer not null references activity (id) on delete cascade,
        unit_id integer not null references co_building_unit (id),
        primary key (activity_id, unit_id)
      );
      create index activity_co_host_unit_idx on activity_co_host (unit_id, activity_id);

      create table volunteer (
        id serial primary key,
        community_id integer not null references org_node (id),
        name text not null check (length(name) between 1 and 20),
        phone text not null check (phone ~ '^1[3-9][0-9]{9}$'),
        -- a Party member volunteering (e.g. a unit's double-reporting member, 双报到)
        member_id integer references party_member (id),
        -- the co-building unit the volunteer serves for, if any
        unit_id integer references co_building_unit (id),
        skills text[] not null default '{}',
        archived_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create unique index volunteer_phone_uq on volunteer (community_id, phone) where archived_at is null;
      create index volunteer_community_idx on volunteer (community_id, id);
      create index volunteer_member_idx on volunteer (member_id) where member_id is not null;
      create index volunteer_unit_idx on volunteer (unit_id) where unit_id is not null;

      create table volunteer_team (
        id serial primary key,
        community_id integer not null references org_node (id),
        name text not null check (length(name) between 1 and 50),
        skills text[] not null default '{}',
        unit_id integer references co_building_unit (id),
        archived_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (community_id, name)
      );

      create table volunteer_team_member (
        team_id integer not null references volunteer_team (id) on delete cascade,
        volunteer_id integer not null references volunteer (id) on delete cascade,
        joined_at timestamptz not null default now(),
        primary key (team_id, volunteer_id)
      );
      create index volunteer_team_member_volunteer_idx on volunteer_team_member (volunteer_id, team_id);

      create table registration (
        id serial primary key,
        community_id integer not null references org_node (id),
        activity_id integer not null references activity (id),
        -- the resident's key: 8 characters from A-Z 2-9 without the look-alikes 0 O 1 I
        code text not null unique check (code ~ '^[A-HJ-NP-Z2-9]{8}$'),
        name text not null check (length(name) between 1 and 20),
        phone text not null check (phone ~ '^1[3-9][0-9]{9}$'),
        status text not null check (status in ('CONFIRMED', 'WAITLISTED', 'CANCELLED', 'CHECKED_IN', 'CHECKED_OUT')),
        volunteer_id integer references volunteer (id),
        promoted_at timestamptz,
        checked_in_at timestamptz,
        checked_out_at timestamptz,
        cancelled_at timestamptz,
        created_at timestamptz not null default clock_timestamp(),
        updated_at timestamptz not null default now()
      );
      -- one live sign-up per phone and activity; a cancelled one does not block signing up again
      create unique index registration_phone_uq on registration (activity_id, phone) where status <> 'CANCELLED';
      -- seat counts and the waiting-list order (by id, which follows the activity row lock)
      create index registration_activity_idx on registration (activity_id, status, id);

      create table service_record (
        id serial primary key,
        community_id integer not null references org_node (id),
        volunteer_id integer not null references volunteer (id),
        activity_id integer references activity (id),
        -- set for hours from check-in to check-out; one record per registration at most
        registration_id integer unique references registration (id),
        hours numeric(6, 2) not null check (hours > 0 and hours <= 24),
        served_on date not null,
        source text not null check (source in ('CHECK_IN', 'MANUAL')),
        note text check (length(note) <= 200),
        recorded_by integer references account (id),
        created_at timestamptz not null default now()
      );
      create index service_record_volunteer_idx on service_record (volunteer_id, served_on);
      create index service_record_community_idx on service_record (community_id, served_on);
      create index service_record_activity_idx on service_record (activity_id) where activity_id is not null;

      -- annual recognitions: 优秀志愿者 for a volunteer, 健康家庭 for a household
      create table recognition (
        id serial primary key,
        community_id integer not null references org_node (id),
        year integer not null check (year between 2000 and 2100),
        title text not null check (length(title) between 1 and 50),
        volunteer_id integer references volunteer (id),
        household_id integer references household (id),
        citation text check (length(citation) <= 500),
        created_at timestamptz not null default now(),
        check (num_nonnulls(volunteer_id, household_id) = 1)
      );
      create unique index recognition_volunteer_uq on recognition (community_id, year, title, volunteer_id) where volunteer_id is not null;
      create unique index recognition_household_uq on recognition (community_id, year, title, household_id) where household_id is not null;
      create index recognition_community_idx on recognition (community_id, year);
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table recognition, service_record, registration, volunteer_team_member, volunteer_team, volunteer, activity_co_host, activity, activity_series, venue;');
  }
}
