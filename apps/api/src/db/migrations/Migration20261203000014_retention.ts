import { Migration } from '@mikro-orm/migrations';

/**
 * Retention of residents' contact details (modules/privacy/retention.ts):
 * - `registration.phone` and `volunteer.phone` may be cleared (NULL) once kept long enough; `contact_cleared_at`
 *   says when. A phone is still required while the row is live: NULL only together with `contact_cleared_at`.
 * - `demand.contact_cleared_at`: when a resolved demand's reporter name and phone were cleared.
 * Counts, ratings and the rows themselves stay.
 */
export const RETENTION_UP = [
  `alter table registration alter column phone drop not null`,
  `alter table registration add column contact_cleared_at timestamptz`,
  `alter table registration add constraint registration_phone_kept check (phone is not null or contact_cleared_at is not null)`,
  `alter table volunteer alter column phone drop not null`,
  `alter table volunteer add column contact_cleared_at timestamptz`,
  `alter table volunteer add constraint volunteer_phone_kept check (phone is not null or contact_cleared_at is not null)`,
  `alter table demand add column contact_cleared_at timestamptz`,
];

export const RETENTION_DOWN = [
  `alter table demand drop column contact_cleared_at`,
  `alter table volunteer drop constraint volunteer_phone_kept`,
  `alter table volunteer drop column contact_cleared_at`,
  `update volunteer set phone = '10000000000' where phone is null`,
  `alter table volunteer alter column phone set not null`,
  `alter table registration drop constraint registration_phone_kept`,
  `alter table registration drop column contact_cleared_at`,
  `update registration set phone = '10000000000' where phone is null`,
  `alter table registration alter column phone set not null`,
];

export class Migration20261203000014_retention extends Migration {
  override async up(): Promise<void> {
    for (const statement of RETENTION_UP) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const statement of RETENTION_DOWN) this.addSql(statement);
  }
}
