import { Migration } from '@mikro-orm/migrations';

/**
 * Public decisions (一征三议两公开): a matter the community decides in public. It solicits opinions (一征), is
 * proposed by the Party organisation (提议), deliberated by the two committees (商议) and resolved by the
 * members' or residents' representatives' meeting (决议); the decision and later its result are published
 * (两公开).
 *
 * - `decision`: the matter, its state (decision.transitions.ts), the solicitation window, the links to demands,
 *   a meeting and a Party-building project of the same community.
 * - `decision_step`: one dated record per step taken; `public` once the step is published.
 * - `decision_opinion`: opinions residents sent through the public form during the window; name and phone are
 *   optional and sealed (AES-GCM, modules/privacy). `idempotency_key` makes the form safe to resend.
 */
export const DECISION_STATES = ['DRAFT', 'SOLICITING', 'PROPOSED', 'DELIBERATED', 'RESOLVED', 'DECISION_PUBLISHED', 'RESULT_PUBLISHED'];
export const DECISION_STEP_KINDS = ['SOLICITATION', 'PROPOSAL', 'DELIBERATION', 'RESOLUTION', 'DECISION_NOTICE', 'RESULT_NOTICE'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export const DECISIONS_UP = [
  `create table decision (
     id serial primary key,
     community_id integer not null references org_node (id),
     org_node_id integer not null references org_node (id),
     title text not null check (length(title) between 1 and 100),
     summary text not null default '' check (length(summary) <= 5000),
     state text not null default 'DRAFT' check (state in (${list(DECISION_STATES)})),
     solicit_opens_at timestamptz,
     solicit_closes_at timestamptz,
     demand_ids integer[] not null default '{}',
     meeting_id integer references meeting (id),
     project_id integer references party_project (id),
     decision_published_at timestamptz,
     result_published_at timestamptz,
     version integer not null default 1,
     created_by integer references account (id),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     check (solicit_closes_at is null or solicit_opens_at is null or solicit_closes_at > solicit_opens_at)
   )`,
  `create index decision_org_node_idx on decision (org_node_id, id)`,
  `create index decision_community_state_idx on decision (community_id, state, id)`,
  `create table decision_step (
     id serial primary key,
     decision_id integer not null references decision (id) on delete cascade,
     kind text not null check (kind in (${list(DECISION_STEP_KINDS)})),
     held_on date not null,
     body text not null check (length(body) between 1 and 100),
     record text not null check (length(record) between 1 and 5000),
     votes_for integer check (votes_for >= 0),
     votes_against integer check (votes_against >= 0),
     votes_abstain integer check (votes_abstain >= 0),
     meeting_id integer references meeting (id),
     public boolean not null default false,
     created_by integer references account (id),
     created_at timestamptz not null default now()
   )`,
  `create index decision_step_decision_idx on decision_step (decision_id, id)`,
  `create table decision_opinion (
     id serial primary key,
     decision_id integer not null references decision (id) on delete cascade,
     community_id integer not null references org_node (id),
     org_node_id integer not null references org_node (id),
     body text not null check (length(body) between 1 and 2000),
     name bytea,
     phone bytea,
     idempotency_key text check (length(idempotency_key) between 8 and 100),
     created_at timestamptz not null default now()
   )`,
  `create index decision_opinion_decision_idx on decision_opinion (decision_id, id)`,
  `create unique index decision_opinion_idempotency_uq on decision_opinion (decision_id, idempotency_key) where idempotency_key is not null`,
];

export const DECISIONS_DOWN = [`drop table decision_opinion`, `drop table decision_step`, `drop table decision`];

export class Migration20261203000013_decisions extends Migration {
  override async up(): Promise<void> {
    for (const statement of DECISIONS_UP) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const statement of DECISIONS_DOWN) this.addSql(statement);
  }
}
