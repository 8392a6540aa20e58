import { Migration } from '@mikro-orm/migrations';
import { dataKeyConfigured, lookupHash, normalizePhone, seal, unseal } from '../../modules/privacy/index.js';

/**
 * Party members' full profiles, their phones sealed, and transfers of their membership (组织关系转接).
 *
 * - `party_member` gains birth date, ethnicity, education, the date a probationary member became full, work unit,
 *   the co-building unit of a 双报到 member, where a mobile member (流动党员) is now and until when, and a version.
 * - The phone leaves the clear `phone` column: it is sealed (AES-GCM under DATA_KEY) into `phone_sealed`, with a
 *   keyed hash in `phone_hash` for exact lookups. Existing phones are moved in this migration (the data key is
 *   installed before migrations run), then the clear column is dropped.
 * - `member_transfer`: one request to move a member from a branch to another, in from outside the platform or
 *   out to outside, decided by the receiving side. Rows are the history; at most one request per member is
 *   pending (a partial unique index), and approval moves the member under a row lock.
 */
export const EDUCATIONS = ['PRIMARY', 'JUNIOR_HIGH', 'SENIOR_HIGH', 'JUNIOR_COLLEGE', 'BACHELOR', 'POSTGRADUATE'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

const PROFILE_UP = [
  `alter table party_member
     add column birth_date date,
     add column ethnicity text check (length(ethnicity) between 1 and 20),
     add column education text check (education in (${list(EDUCATIONS)})),
     add column full_on date,
     add column phone_sealed bytea,
     add column phone_hash bytea,
     add column work_unit text check (length(work_unit) between 1 and 100),
     add column double_report_unit_id integer references co_building_unit (id),
     add column mobile_location text check (length(mobile_location) between 1 and 100),
     add column mobile_until date,
     add column version integer not null default 1,
     add constraint party_member_full_on_check check (status = 'FULL' or full_on is null),
     add constraint party_member_mobile_check check (mobile_until is null or mobile_location is not null)`,
  `create index party_member_phone_hash_idx on party_member (phone_hash) where phone_hash is not null`,
  `create index party_member_community_name_idx on party_member (community_id, name, id)`,
  `create index party_member_double_report_idx on party_member (double_report_unit_id) where double_report_unit_id is not null`,
];

const TRANSFER_UP = [
  `create table member_transfer (
     id serial primary key,
     -- null for a transfer in from outside until it is approved (the member row is made then)
     member_id integer references party_member (id),
     kind text not null check (kind in ('INTERNAL', 'IN', 'OUT')),
     from_org_node_id integer references org_node (id),
     to_org_node_id integer references org_node (id),
     -- IN / OUT: the Party organisation outside the platform
     outside_organization text check (length(outside_organization) between 1 and 100),
     person_name text not null check (length(person_name) between 1 and 30),
     -- IN: the incoming member's profile (no personal data: the phone is added after arrival)
     incoming jsonb,
     state text not null default 'PENDING' check (state in ('PENDING', 'APPROVED', 'REFUSED', 'CANCELLED')),
     note text check (length(note) <= 500),
     decision_note text check (length(decision_note) <= 500),
     requested_by integer references account (id),
     requested_at timestamptz not null default now(),
     decided_by integer references account (id),
     decided_at timestamptz,
     check (kind <> 'INTERNAL' or (member_id is not null and from_org_node_id is not null and to_org_node_id is not null and from_org_node_id <> to_org_node_id)),
     check (kind <> 'IN' or (from_org_node_id is null and to_org_node_id is not null and outside_organization is not null and incoming is not null)),
     check (kind <> 'OUT' or (member_id is not null and from_org_node_id is not null and to_org_node_id is null and outside_organization is not null)),
     check ((state = 'PENDING') = (decided_at is null)),
     check (state <> 'APPROVED' or member_id is not null)
   )`,
  `create unique index member_transfer_pending_uq on member_transfer (member_id) where state = 'PENDING'`,
  `create index member_transfer_member_idx on member_transfer (member_id, requested_at desc)`,
  `create index member_transfer_from_idx on member_transfer (from_org_node_id, state)`,
  `create index member_transfer_to_idx on member_transfer (to_org_node_id, state)`,
];

/** Hex and integers only: safe to write into the statement. */
function valuesList(rows: { id: number; a: string | null; b: string | null }[]): string {
  const hex = (v: string | null) => (v == null ? 'null' : `decode('${v}', 'hex')`);
  return rows.map((r) => `(${Number(r.id)}, ${hex(r.a)}, ${hex(r.b)})`).join(', ');
}

export class Migration20261203000007_members extends Migration {
  override async up(): Promise<void> {
    for (const statement of PROFILE_UP) await this.execute(statement);
    const rows = (await this.execute(`select id, phone from party_member where phone is not null order by id`)) as { id: number; phone: string }[];
    if (rows.length > 0 && !dataKeyConfigured()) throw new Error('sealing members\' phones needs DATA_KEY: install the data key before migrating');
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500).map((r) => ({
        id: r.id, a: seal(r.phone).toString('hex'), b: lookupHash('phone', normalizePhone(r.phone))?.toString('hex') ?? null,
      }));
      await this.execute(`update party_member m set phone_sealed = v.s, phone_hash = v.h
        from (values ${valuesList(batch)}) as v(id, s, h) where m.id = v.id`);
    }
    await this.execute(`alter table party_member drop column phone`);
    for (const statement of TRANSFER_UP) await this.execute(statement);
  }

  override async down(): Promise<void> {
    await this.execute(`drop table member_transfer`);
    await this.execute(`alter table party_member add column phone text`);
    const rows = (await this.execute(`select id, encode(phone_sealed, 'hex') as sealed from party_member where phone_sealed is not null`)) as { id: number; sealed: string }[];
    for (const r of rows) await this.execute(`update party_member set phone = ? where id = ?`, [unseal(Buffer.from(r.sealed, 'hex')), r.id]);
    await this.execute(`alter table party_member drop constraint party_member_full_on_check, drop constraint party_member_mobile_check,
      drop column birth_date, drop column ethnicity, drop column education, drop column full_on, drop column phone_sealed, drop column phone_hash,
      drop column work_unit, drop column double_report_unit_id, drop column mobile_location, drop column mobile_until, drop column version`);
  }
}
