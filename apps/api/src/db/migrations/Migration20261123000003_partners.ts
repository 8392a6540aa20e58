import { Migration } from '@mikro-orm/migrations';

/**
 * What co-building units do with communities: agreements (共驻共建协议), committee seats (兼职委员),
 * cross-appointments (交叉任职), property evaluations (物业测评), double-report members (双报到);
 * and the partner tokens units use the API with, each with its query budget.
 */
export class Migration20261123000003_partners extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table agreement (
        id serial primary key,
        unit_id integer not null references co_building_unit (id),
        community_id integer not null references org_node (id),
        title text not null check (length(title) between 1 and 100),
        signed_on date not null,
        term_months integer not null check (term_months between 1 and 120),
        ends_on date not null,
        commitments text[] not null default '{}' check (cardinality(commitments) <= 30),
        terminated_at timestamptz,
        termination_reason text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        check (ends_on = (signed_on + make_interval(months => term_months))::date),
        unique (unit_id, community_id, signed_on)
      );
      create index agreement_unit_idx on agreement (unit_id, signed_on);
      create index agreement_community_idx on agreement (community_id, ends_on);

      create table committee_seat (
        id serial primary key,
        unit_id integer not null references co_building_unit (id),
        community_id integer not null references org_node (id),
        representative_name text not null check (length(representative_name) between 1 and 50),
        title text not null check (length(title) between 1 and 50),
        since date not null,
        until date,
        created_at timestamptz not null default now(),
        check (until is null or until >= since)
      );
      -- one open seat per unit on a committee; overlapping terms are refused under a lock on the unit row
      create unique index committee_seat_open_uq on committee_seat (unit_id, community_id) where until is null;
      create index committee_seat_community_idx on committee_seat (community_id);

      create table cross_appointment (
        id serial primary key,
        unit_id integer not null references co_building_unit (id),
        community_id integer not null references org_node (id),
        role text not null check (role in ('PARTY_BUILDING_INSTRUCTOR', 'PARTY_BUILDING_LIAISON', 'OPINION_LIAISON', 'SOCIAL_SUPERVISOR')),
        person_name text not null check (length(person_name) between 1 and 50),
        member_id integer references party_member (id),
        since date not null,
        until date,
        created_at timestamptz not null default now(),
        check (until is null or until >= since)
      );
      create unique index cross_appointment_open_uq on cross_appointment (unit_id, community_id, role, person_name) where until is null;
      create index cross_appointment_community_idx on cross_appointment (community_id);

      create table property_evaluation (
        id serial primary key,
        unit_id integer not null references co_building_unit (id),
        community_id integer not null references org_node (id),
        period text not null check (period ~ '^[0-9]{4}-(Q[1-4]|0[1-9]|1[0-2])$'),
        service_score smallint not null check (service_score between 0 and 100),
        environment_score smallint not null check (environment_score between 0 and 100),
        safety_score smallint not null check (safety_score between 0 and 100),
        response_score smallint not null check (response_score between 0 and 100),
        total numeric(5, 2) generated always as (round((service_score + environment_score + safety_score + response_score) / 4.0, 2)) stored,
        flag text not null check (flag in ('RED', 'YELLOW')),
        note text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (unit_id, community_id, period)
      );
      create index property_evaluation_ranking_idx on property_evaluation (community_id, period, total desc);

      create table double_report (
        id serial primary key,
        unit_id integer not null references co_building_unit (id),
        community_id integer not null references org_node (id),
        member_id integer references party_member (id),
        person_name text not null check (length(person_name) between 1 and 50),
        since date not null,
        until date,
        created_at timestamptz not null default now(),
        check (until is null or until >= since)
      );
      create unique index double_report_member_uq on double_report (unit_id, community_id, member_id) where member_id is not null and until is null;
      create unique index double_report_name_uq on double_report (unit_id, community_id, person_name) where member_id is null and until is null;
      create index double_report_community_idx on double_report (community_id);
      create index double_report_member_idx on double_report (member_id);

      create table partner_token (
        id serial primary key,
        unit_id integer not null references co_building_unit (id),
        name text not null check (length(name) between 1 and 50),
        token_hash text not null unique,
        -- the first characters of the secret, so admins can tell tokens apart; the secret itself is never stored
        token_hint text not null,
        scopes text[] not null,
        expires_at timestamptz not null,
        revoked_at timestamptz,
        created_by integer references account (id),
        created_at timestamptz not null default now(),
        rotated_at timestamptz,
        last_used_at timestamptz,
        -- query budget: points left at budget_at (null = full); refilled lazily by elapsed time
        budget_points double precision,
        budget_at timestamptz not null default now()
      );
      create index partner_token_unit_idx on partner_token (unit_id, id);
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table partner_token, double_report, property_evaluation, cross_appointment, committee_seat, agreement;');
  }
}
