import { Migration } from '@mikro-orm/migrations';

/**
 * Upcoming public activities (the events page, a community's list) without walking the past:
 * - `activity_public_during_idx`: the public activities under way at an instant (`tstzrange(starts_at, ends_at) @> now`),
 *   the only upcoming ones that started already; the rest start later and come from `activity_public_idx`.
 * - `activity_public_community_idx`: one community's public activities by start time, so its upcoming list and their
 *   count read the index only, however many activities the community had before.
 */
export const UPCOMING_ACTIVITIES_UP = [
  `create index activity_public_during_idx on activity using gist (tstzrange(starts_at, ends_at)) where audience = 'PUBLIC' and status in ('PUBLISHED', 'FINISHED')`,
  `create index activity_public_community_idx on activity (community_id, starts_at, id) where audience = 'PUBLIC' and status in ('PUBLISHED', 'FINISHED')`,
];

export const UPCOMING_ACTIVITIES_DOWN = [
  `drop index if exists activity_public_community_idx`,
  `drop index if exists activity_public_during_idx`,
];

export class Migration20261203000016_upcoming_activities extends Migration {
  override async up(): Promise<void> {
    for (const statement of UPCOMING_ACTIVITIES_UP) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const statement of UPCOMING_ACTIVITIES_DOWN) this.addSql(statement);
  }
}
