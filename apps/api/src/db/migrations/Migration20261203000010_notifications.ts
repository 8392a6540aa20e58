import { Migration } from '@mikro-orm/migrations';

/**
 * The notification outbox, the calendar sequence of activities and the door staff an activity names.
 *
 * - `notification`: one row per message to a resident (moved up from the waiting list, the activity changed or
 *   was cancelled, a reply to their demand). Written in the same transaction as the change it reports; a
 *   delivery worker claims PENDING rows with FOR UPDATE SKIP LOCKED, hands them to the configured provider and
 *   records the outcome. The message also shows on the resident's code page, whatever the provider.
 *   `activity_sequence` is the activity's `sequence` the message is about, so one edit never notifies twice.
 * - `activity.sequence`: the iCalendar SEQUENCE, raised with every edit and the cancellation, so subscribed
 *   calendars replace their copy.
 * - `activity_door_staff`: accounts an activity names to check residents in and out at its door, besides the
 *   staff over its organiser's subtree.
 */
export const NOTIFICATION_KINDS = ['WAITLIST_PROMOTED', 'ACTIVITY_CHANGED', 'ACTIVITY_CANCELLED', 'DEMAND_REPLY'];
export const NOTIFICATION_STATUSES = ['PENDING', 'SENT', 'FAILED', 'PAGE_ONLY'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export const NOTIFICATIONS_UP = [
  `alter table activity add column sequence integer not null default 0`,
  `create table notification (
     id serial primary key,
     community_id integer not null references org_node (id),
     kind text not null check (kind in (${list(NOTIFICATION_KINDS)})),
     activity_id integer references activity (id),
     registration_id integer references registration (id),
     demand_id integer references demand (id),
     activity_sequence integer not null default 0,
     body text not null check (length(body) between 1 and 500),
     status text not null default 'PENDING' check (status in (${list(NOTIFICATION_STATUSES)})),
     provider text,
     attempts integer not null default 0,
     last_error text,
     next_attempt_at timestamptz not null default now(),
     sent_at timestamptz,
     created_at timestamptz not null default clock_timestamp(),
     check (registration_id is not null or demand_id is not null)
   )`,
  `create unique index notification_once_uq on notification (registration_id, kind, activity_sequence) where registration_id is not null`,
  `create index notification_pending_idx on notification (next_attempt_at, id) where status = 'PENDING'`,
  `create index notification_registration_idx on notification (registration_id, id)`,
  `create index notification_activity_idx on notification (activity_id, id)`,
  `create index notification_demand_idx on notification (demand_id, id) where demand_id is not null`,
  `create table activity_door_staff (
     activity_id integer not null references activity (id) on delete cascade,
     account_id integer not null references account (id) on delete cascade,
     primary key (activity_id, account_id)
   )`,
  `create index activity_door_staff_account_idx on activity_door_staff (account_id)`,
];

export const NOTIFICATIONS_DOWN = [
  `drop table activity_door_staff`,
  `drop table notification`,
  `alter table activity drop column sequence`,
];

export class Migration20261203000010_notifications extends Migration {
  override async up(): Promise<void> {
    for (const statement of NOTIFICATIONS_UP) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const statement of NOTIFICATIONS_DOWN) this.addSql(statement);
  }
}
