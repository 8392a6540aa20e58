import { Migration } from '@mikro-orm/migrations';

/**
 * Governance practices: meetings (议事协商 and the branch's own) with recurring schedules and required
 * frequencies, home visits (走访, 民情日记) that raise demands, safety hazards (安全隐患) and patrols, and the
 * Party-building project ledger (党建项目台账).
 *
 * - `meeting_schedule` + `meeting_schedule_change`: a series (every Friday; the 3rd, 13th and 23rd; monthly;
 *   quarterly) and the dates of it that were skipped or moved; meetings made from it keep the original date in
 *   `meeting.schedule_date` (unique per schedule), so moving one date never shifts the others.
 * - `meeting`, `meeting_attendee`, `meeting_agenda_item`: agenda items may link a demand; `unit_ids` lists the
 *   co-building units taking part (partner tokens read those meetings).
 * - `meeting_requirement`: how often a community's branches must hold a kind of meeting (defaults in code).
 * - `visit`, `visit_demand`: a visit and the demands it raised.
 * - `hazard`, `patrol`: hazards with their lifecycle (hazard.transitions.ts), patrol rounds that find them.
 * - `party_project`, `party_project_progress`: the ledger and its dated progress notes.
 */
export const MEETING_KINDS = ['DELIBERATION', 'JOINT_CONFERENCE', 'GRID_GOVERNANCE', 'RESIDENT_TALK', 'BRANCH_ASSEMBLY', 'BRANCH_COMMITTEE', 'GROUP_MEETING', 'PARTY_LECTURE', 'THEMED_PARTY_DAY'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');
const ACCOUNT = 'integer references account (id)';

export const GOVERNANCE_UP = [
  `create table meeting_schedule (
     id serial primary key,
     community_id integer not null references org_node (id),
     org_node_id integer not null references org_node (id),
     kind text not null check (kind in (${list(MEETING_KINDS)})),
     title text not null check (length(title) between 1 and 100),
     rule text not null check (rule in ('WEEKLY', 'MONTH_DAYS', 'MONTHLY', 'QUARTERLY')),
     weekday integer check (weekday between 1 and 7),
     month_days integer[] not null default '{}',
     start_date date not null,
     end_date date,
     start_time text not null default '09:00' check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
     duration_minutes integer not null default 90 check (duration_minutes between 10 and 720),
     place text check (length(place) <= 200),
     created_by ${ACCOUNT},
     created_at timestamptz not null default now(),
     check (end_date is null or end_date >= start_date)
   )`,
  `create index meeting_schedule_node_idx on meeting_schedule (org_node_id)`,
  `create table meeting_schedule_change (
     schedule_id integer not null references meeting_schedule (id) on delete cascade,
     original_date date not null,
     -- null: the date is skipped; else the meeting of that date takes place on moved_to instead
     moved_to date,
     created_at timestamptz not null default now(),
     primary key (schedule_id, original_date)
   )`,
  `create table meeting (
     id serial primary key,
     community_id integer not null references org_node (id),
     org_node_id integer not null references org_node (id),
     kind text not null check (kind in (${list(MEETING_KINDS)})),
     title text not null check (length(title) between 1 and 100),
     starts_at timestamptz not null,
     ends_at timestamptz,
     place text check (length(place) <= 200),
     status text not null default 'PLANNED' check (status in ('PLANNED', 'HELD', 'CANCELLED')),
     minutes text check (length(minutes) <= 20000),
     schedule_id integer references meeting_schedule (id),
     schedule_date date,
     unit_ids integer[] not null default '{}',
     version integer not null default 1,
     created_by ${ACCOUNT},
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     check ((schedule_id is null) = (schedule_date is null)),
     check (ends_at is null or ends_at >= starts_at)
   )`,
  `create unique index meeting_schedule_date_uq on meeting (schedule_id, schedule_date) where schedule_id is not null`,
  `create index meeting_node_idx on meeting (org_node_id, starts_at)`,
  `create index meeting_community_idx on meeting (community_id, starts_at)`,
  `create index meeting_units_idx on meeting using gin (unit_ids)`,
  `create table meeting_attendee (
     id serial primary key,
     meeting_id integer not null references meeting (id) on delete cascade,
     kind text not null check (kind in ('MEMBER', 'RESIDENT', 'UNIT')),
     member_id integer references party_member (id),
     unit_id integer references co_building_unit (id),
     name text not null check (length(name) between 1 and 50),
     attendance text not null default 'INVITED' check (attendance in ('INVITED', 'PRESENT', 'ABSENT', 'EXCUSED')),
     check (kind <> 'MEMBER' or member_id is not null),
     check (kind <> 'UNIT' or unit_id is not null)
   )`,
  `create index meeting_attendee_meeting_idx on meeting_attendee (meeting_id, id)`,
  `create table meeting_agenda_item (
     id serial primary key,
     meeting_id integer not null references meeting (id) on delete cascade,
     position integer not null,
     title text not null check (length(title) between 1 and 200),
     demand_id integer references demand (id),
     decision text check (length(decision) <= 2000),
     decided_at timestamptz,
     created_at timestamptz not null default now()
   )`,
  `create index meeting_agenda_meeting_idx on meeting_agenda_item (meeting_id, position)`,
  `create index meeting_agenda_demand_idx on meeting_agenda_item (demand_id) where demand_id is not null`,
  `create table meeting_requirement (
     community_id integer not null references org_node (id),
     kind text not null check (kind in (${list(MEETING_KINDS)})),
     period text not null check (period in ('NONE', 'MONTH', 'QUARTER')),
     updated_at timestamptz not null default now(),
     primary key (community_id, kind)
   )`,
  `create table visit (
     id serial primary key,
     community_id integer not null references org_node (id),
     org_node_id integer not null references org_node (id),
     visitor_member_id integer references party_member (id),
     visitor_account_id ${ACCOUNT},
     household_id integer references household (id),
     place text check (length(place) <= 200),
     visited_at timestamptz not null,
     kind text not null check (kind in ('ROUTINE', 'CARE', 'DISPUTE', 'SURVEY')),
     findings text not null default '' check (length(findings) <= 2000),
     follow_up text check (length(follow_up) <= 2000),
     people_reached integer not null default 1 check (people_reached between 0 and 100),
     opinions integer not null default 0 check (opinions between 0 and 100),
     fixed_on_spot integer not null default 0 check (fixed_on_spot between 0 and 100),
     created_by ${ACCOUNT},
     created_at timestamptz not null default now(),
     check (visitor_member_id is not null or visitor_account_id is not null),
     check (household_id is not null or place is not null),
     check (fixed_on_spot <= opinions)
   )`,
  `create index visit_node_idx on visit (org_node_id, visited_at desc)`,
  `create index visit_community_idx on visit (community_id, visited_at desc)`,
  `create index visit_member_idx on visit (visitor_member_id) where visitor_member_id is not null`,
  `create table visit_demand (
     visit_id integer not null references visit (id),
     demand_id integer not null references demand (id) unique,
     primary key (visit_id, demand_id)
   )`,
  `create table patrol (
     id serial primary key,
     community_id integer not null references org_node (id),
     org_node_id integer not null references org_node (id),
     kind text not null check (kind in ('RIVER', 'BILLBOARD', 'FIRE', 'GENERAL')),
     route text not null check (length(route) between 1 and 200),
     patrolled_at timestamptz not null,
     patrollers text not null check (length(patrollers) between 1 and 200),
     billboards_checked integer not null default 0 check (billboards_checked between 0 and 10000),
     notes text check (length(notes) <= 2000),
     created_by ${ACCOUNT},
     created_at timestamptz not null default now()
   )`,
  `create index patrol_node_idx on patrol (org_node_id, patrolled_at desc)`,
  `create table hazard (
     id serial primary key,
     community_id integer not null references org_node (id),
     org_node_id integer not null references org_node (id),
     kind text not null check (kind in ('FIRE', 'EBIKE_CHARGING', 'BILLBOARD', 'STRUCTURE', 'ELECTRICAL', 'RIVER', 'OTHER')),
     title text not null check (length(title) between 1 and 100),
     description text not null default '' check (length(description) <= 2000),
     place text not null check (length(place) between 1 and 200),
     found_by text not null check (length(found_by) between 1 and 50),
     found_by_account_id ${ACCOUNT},
     photo_urls text[] not null default '{}',
     state text not null default 'FOUND' check (state in ('FOUND', 'ASSIGNED', 'FIXED', 'VERIFIED', 'REJECTED')),
     assignee text check (length(assignee) <= 100),
     deadline date,
     note text check (length(note) <= 2000),
     patrol_id integer references patrol (id),
     found_at timestamptz not null,
     assigned_at timestamptz,
     fixed_at timestamptz,
     verified_at timestamptz,
     rejected_at timestamptz,
     version integer not null default 1,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now()
   )`,
  `create index hazard_node_idx on hazard (org_node_id, found_at desc)`,
  `create index hazard_community_idx on hazard (community_id, state)`,
  `create index hazard_patrol_idx on hazard (patrol_id) where patrol_id is not null`,
  `create table party_project (
     id serial primary key,
     community_id integer not null references org_node (id),
     org_node_id integer not null references org_node (id),
     title text not null check (length(title) between 1 and 100),
     area text not null check (area in ('POSITION_BUILDING', 'BASIC_SYSTEMS', 'REGIONAL_CO_BUILDING', 'MEMBER_EDUCATION', 'SERVING_MASSES')),
     goals text not null default '' check (length(goals) <= 2000),
     unit_ids integer[] not null default '{}',
     start_date date not null,
     due_date date not null,
     status text not null default 'PLANNED' check (status in ('PLANNED', 'IN_PROGRESS', 'COMPLETED', 'SUSPENDED')),
     completed_on date,
     version integer not null default 1,
     created_by ${ACCOUNT},
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     check (due_date >= start_date)
   )`,
  `create index party_project_node_idx on party_project (org_node_id, due_date)`,
  `create index party_project_community_idx on party_project (community_id, area, status)`,
  `create index party_project_units_idx on party_project using gin (unit_ids)`,
  `create table party_project_progress (
     id serial primary key,
     project_id integer not null references party_project (id),
     noted_on date not null,
     body text not null check (length(body) between 1 and 2000),
     created_by ${ACCOUNT},
     created_at timestamptz not null default now()
   )`,
  `create index party_project_progress_idx on party_project_progress (project_id, noted_on, id)`,
];

export const GOVERNANCE_DOWN = [
  'drop table party_project_progress', 'drop table party_project', 'drop table hazard', 'drop table patrol', 'drop table visit_demand',
  'drop table visit', 'drop table meeting_requirement', 'drop table meeting_agenda_item', 'drop table meeting_attendee', 'drop table meeting',
  'drop table meeting_schedule_change', 'drop table meeting_schedule',
];

export class Migration20261203000009_governance extends Migration {
  override async up(): Promise<void> {
    for (const statement of GOVERNANCE_UP) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const statement of GOVERNANCE_DOWN) this.addSql(statement);
  }
}
