import { Migration } from '@mikro-orm/migrations';

/**
 * Resident demands (诉求): the demand itself, its append-only timeline and the per-community deadlines.
 *
 * - `demand`: one problem a resident raised, on a channel, hanging under an org node of one community. The
 *   resident's name and phone are sealed (modules/privacy). `version` grows with every change (optimistic
 *   checks), `escalation_level` says how far up the chain an overdue demand went (0 none, 1 community
 *   committee, 2 street). `idempotency_key` makes intake safe to retry: unique per community.
 * - `demand_event`: the timeline. Rows are only ever inserted: a trigger refuses UPDATE, DELETE and TRUNCATE.
 * - `demand_deadline`: a community's first-response and resolution hours per category (defaults in code).
 */
export const DEMAND_STATES = ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REJECTED', 'REOPENED', 'DUPLICATE'];
export const DEMAND_CATEGORIES = ['ENVIRONMENT', 'PROPERTY', 'SAFETY', 'NEIGHBOUR_DISPUTE', 'FACILITIES', 'ELDERLY_CARE', 'OTHER'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export const DEMANDS_UP = [
  `create table demand (
     id serial primary key,
     community_id integer not null references org_node (id),
     -- the node the demand belongs to (the community committee or a branch of it); access follows its path
     org_node_id integer not null references org_node (id),
     ticket_code text not null unique check (ticket_code ~ '^[A-HJ-NP-Z2-9]{8}$'),
     title text not null check (length(title) between 1 and 100),
     description text not null default '' check (length(description) <= 5000),
     channel text not null check (channel in ('VISIT', 'HOTLINE', 'ONLINE', 'MEETING', 'GRID_PATROL', 'WALK_IN')),
     category text not null check (category in (${list(DEMAND_CATEGORIES)})),
     priority text not null default 'NORMAL' check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
     state text not null default 'SUBMITTED' check (state in (${list(DEMAND_STATES)})),
     version integer not null default 1,
     place_compound text check (length(place_compound) <= 100),
     place_building text check (length(place_building) <= 50),
     place_text text check (length(place_text) <= 200),
     latitude double precision check (latitude between -90 and 90),
     longitude double precision check (longitude between -180 and 180),
     photo_urls text[] not null default '{}',
     -- personal data, sealed (AES-GCM under DATA_KEY)
     resident_name bytea,
     resident_phone bytea,
     -- STAFF: taken in by a worker; RESIDENT: filed by the resident on the public page
     source text not null check (source in ('STAFF', 'RESIDENT', 'PARTNER')),
     created_by integer references account (id),
     resolved_on_spot boolean not null default false,
     assigned_account_id integer references account (id),
     assigned_branch_id integer references org_node (id),
     assigned_unit_id integer references co_building_unit (id),
     first_response_due_at timestamptz not null,
     resolution_due_at timestamptz not null,
     first_responded_at timestamptz,
     resolved_at timestamptz,
     closed_at timestamptz,
     escalation_level integer not null default 0 check (escalation_level between 0 and 2),
     escalated_at timestamptz,
     duplicate_of_id integer references demand (id),
     rating integer check (rating between 1 and 5),
     rating_comment text check (length(rating_comment) <= 500),
     rated_at timestamptz,
     idempotency_key text check (length(idempotency_key) between 8 and 100),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     check (duplicate_of_id is null or duplicate_of_id <> id),
     check (state <> 'DUPLICATE' or duplicate_of_id is not null)
   )`,
  `create unique index demand_idempotency_uq on demand (community_id, idempotency_key) where idempotency_key is not null`,
  `create index demand_org_node_idx on demand (org_node_id, created_at desc, id desc)`,
  `create index demand_community_idx on demand (community_id, state, created_at desc)`,
  `create index demand_unit_idx on demand (assigned_unit_id) where assigned_unit_id is not null`,
  `create index demand_account_idx on demand (assigned_account_id) where assigned_account_id is not null`,
  // the escalation job's scan: open demands by their deadlines
  `create index demand_open_due_idx on demand (resolution_due_at) where state in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED')`,
  `create table demand_event (
     id serial primary key,
     demand_id integer not null references demand (id),
     kind text not null check (kind in ('CREATED', 'TRANSITION', 'ASSIGNED', 'NOTE', 'REPLY', 'ESCALATED', 'RATED', 'REOPENED', 'DUPLICATE_LINKED', 'DEADLINE_CHANGED', 'CONTACT_REVEALED')),
     from_state text check (from_state in (${list(DEMAND_STATES)})),
     to_state text check (to_state in (${list(DEMAND_STATES)})),
     body text check (length(body) <= 2000),
     public boolean not null default false,
     -- who: a staff account, a partner unit, the resident, or the system (escalation job)
     actor_kind text not null check (actor_kind in ('STAFF', 'PARTNER', 'RESIDENT', 'SYSTEM')),
     actor_account_id integer references account (id),
     actor_unit_id integer references co_building_unit (id),
     related_demand_id integer references demand (id),
     escalation_level integer check (escalation_level between 0 and 2),
     rating integer check (rating between 1 and 5),
     created_at timestamptz not null default clock_timestamp()
   )`,
  `create index demand_event_demand_idx on demand_event (demand_id, id)`,
  `create function demand_event_append_only() returns trigger language plpgsql as $$
   begin
     raise exception 'demand_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
   end $$`,
  `create trigger demand_event_no_update before update or delete on demand_event
     for each row execute function demand_event_append_only()`,
  `create trigger demand_event_no_truncate before truncate on demand_event
     for each statement execute function demand_event_append_only()`,
  `create table demand_deadline (
     community_id integer not null references org_node (id),
     category text not null check (category in (${list(DEMAND_CATEGORIES)})),
     first_response_hours integer not null check (first_response_hours between 1 and 720),
     resolution_hours integer not null check (resolution_hours between 1 and 2160),
     updated_by integer references account (id),
     updated_at timestamptz not null default now(),
     primary key (community_id, category),
     check (resolution_hours >= first_response_hours)
   )`,
];

export const DEMANDS_DOWN = [
  `drop table demand_deadline`,
  `drop table demand_event`,
  `drop function demand_event_append_only()`,
  `drop table demand`,
];

export class Migration20261203000006_demands extends Migration {
  override async up(): Promise<void> {
    for (const statement of DEMANDS_UP) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const statement of DEMANDS_DOWN) this.addSql(statement);
  }
}
