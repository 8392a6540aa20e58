import { Migration } from '@mikro-orm/migrations';

/**
 * The service menu (菜单式服务: 点单, 下单, 接单) and the talent pool (治理人才库).
 *
 * - `service_offer`: what a member, a volunteer, a volunteer team or a co-building unit offers residents
 *   (category, when, where, how many orders a week).
 * - `service_order`: the link from a resident demand to the offer it orders (a service order IS a demand), with
 *   the resident's address sealed (modules/privacy), the preferred time, who it was dispatched to and the hours
 *   it took. Its lifecycle, timeline, deadlines, ticket code and rating are the demand's.
 * - `volunteer.account_id`: the sign-in of a volunteer (or a member serving as one), so the one a service order
 *   is dispatched to accepts and completes it; `service_record.demand_id`: hours given on a service order
 *   (source SERVICE_ORDER) roll up with activity hours.
 * - `recruitment_call`, `talent_applicant`, `talent_team`: 招募令, the residents who answer one (phone sealed)
 *   and the talent teams they are placed in, each linked to a volunteer team.
 */
export const SERVICE_CATEGORIES = ['REPAIR', 'HOUSEKEEPING', 'HEALTH', 'ELDERLY', 'LEGAL', 'CULTURE', 'DELIVERY', 'OTHER'];
export const SERVICE_PROVIDER_KINDS = ['MEMBER', 'VOLUNTEER', 'VOLUNTEER_TEAM', 'UNIT'];
export const APPLICANT_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export const SERVICE_MENU_UP = [
  `create table service_offer (
     id serial primary key,
     community_id integer not null references org_node (id),
     title text not null check (length(title) between 1 and 50),
     category text not null check (category in (${list(SERVICE_CATEGORIES)})),
     description text not null default '' check (length(description) <= 1000),
     schedule text not null check (length(schedule) between 1 and 100),
     place text not null check (length(place) between 1 and 100),
     capacity_per_week integer not null check (capacity_per_week between 1 and 500),
     provider_kind text not null check (provider_kind in (${list(SERVICE_PROVIDER_KINDS)})),
     member_id integer references party_member (id),
     volunteer_id integer references volunteer (id),
     team_id integer references volunteer_team (id),
     unit_id integer references co_building_unit (id),
     published boolean not null default true,
     archived_at timestamptz,
     created_by integer references account (id),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     check ((provider_kind = 'MEMBER') = (member_id is not null)),
     check ((provider_kind = 'VOLUNTEER') = (volunteer_id is not null)),
     check ((provider_kind = 'VOLUNTEER_TEAM') = (team_id is not null)),
     check ((provider_kind = 'UNIT') = (unit_id is not null))
   )`,
  `create index service_offer_community_idx on service_offer (community_id, category) where archived_at is null`,
  `alter table volunteer add column account_id integer unique references account (id)`,
  `create table service_order (
     demand_id integer primary key references demand (id),
     community_id integer not null references org_node (id),
     offer_id integer not null references service_offer (id),
     address bytea not null,
     preferred_time text check (length(preferred_time) <= 50),
     assigned_volunteer_id integer references volunteer (id),
     assigned_team_id integer references volunteer_team (id),
     hours numeric(6, 2) check (hours > 0 and hours <= 24),
     completed_at timestamptz,
     created_at timestamptz not null default now()
   )`,
  `create index service_order_offer_idx on service_order (offer_id, created_at)`,
  `create index service_order_volunteer_idx on service_order (assigned_volunteer_id)`,
  `create index service_order_team_idx on service_order (assigned_team_id)`,
  `alter table service_record add column demand_id integer references demand (id)`,
  `alter table service_record drop constraint service_record_source_check`,
  `alter table service_record add constraint service_record_source_check check (source in ('CHECK_IN', 'MANUAL', 'SERVICE_ORDER'))`,
  `create unique index service_record_demand_volunteer_idx on service_record (demand_id, volunteer_id) where demand_id is not null`,
  `create table recruitment_call (
     id serial primary key,
     community_id integer not null references org_node (id),
     title text not null check (length(title) between 1 and 50),
     body text not null default '' check (length(body) <= 2000),
     skills_wanted text[] not null default '{}',
     opens_on date not null,
     closes_on date,
     published boolean not null default true,
     created_by integer references account (id),
     created_at timestamptz not null default now()
   )`,
  `create table talent_team (
     id serial primary key,
     community_id integer not null references org_node (id),
     name text not null check (length(name) between 1 and 30),
     focus text not null default '' check (length(focus) <= 200),
     volunteer_team_id integer not null unique references volunteer_team (id),
     created_at timestamptz not null default now(),
     unique (community_id, name)
   )`,
  `create table talent_applicant (
     id serial primary key,
     community_id integer not null references org_node (id),
     call_id integer not null references recruitment_call (id),
     name text not null check (length(name) between 1 and 20),
     phone bytea not null,
     skills text[] not null default '{}',
     availability text not null check (length(availability) between 1 and 100),
     grid_id integer references grid (id),
     building text check (length(building) <= 50),
     intro text check (length(intro) <= 500),
     status text not null default 'PENDING' check (status in (${list(APPLICANT_STATUSES)})),
     review_note text check (length(review_note) <= 200),
     reviewed_by integer references account (id),
     reviewed_at timestamptz,
     team_id integer references talent_team (id),
     volunteer_id integer references volunteer (id),
     idempotency_key text,
     created_at timestamptz not null default now()
   )`,
  `create unique index talent_applicant_idempotency_idx on talent_applicant (call_id, idempotency_key) where idempotency_key is not null`,
  `create index talent_applicant_call_idx on talent_applicant (call_id, status)`,
  `create index talent_applicant_skills_idx on talent_applicant using gin (skills)`,
];

export class Migration20261203000012_service_menu extends Migration {
  async up(): Promise<void> {
    for (const s of SERVICE_MENU_UP) this.addSql(s);
  }

  async down(): Promise<void> {
    this.addSql('drop table talent_applicant, talent_team, recruitment_call, service_order, service_offer');
    this.addSql('drop index service_record_demand_volunteer_idx');
    this.addSql('delete from service_record where source = \'SERVICE_ORDER\'');
    this.addSql('alter table service_record drop constraint service_record_source_check');
    this.addSql("alter table service_record add constraint service_record_source_check check (source in ('CHECK_IN', 'MANUAL'))");
    this.addSql('alter table service_record drop column demand_id');
    this.addSql('alter table volunteer drop column account_id');
  }
}
