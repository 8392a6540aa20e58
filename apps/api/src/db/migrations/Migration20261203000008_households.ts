import { Migration } from '@mikro-orm/migrations';
import { lookupHash, normalizePhone, seal } from '../../modules/privacy/index.js';

/**
 * Households and residents, the 联户 net, grids and the personal-data audit log.
 *
 * - `personal_data_audit`: one row per clear read or write of sealed personal data (who, which record, which
 *   fields, when, the reason given). Rows are only ever inserted: a trigger refuses UPDATE, DELETE, TRUNCATE.
 *   `org_node_id` is the node the record hangs on (committee admins over it read the row).
 * - `compound` (小区) and `building` (楼栋): the territory, each tied to the org node that answers for it.
 * - `household`: now points at its building; the phone and care categories (with a note) are sealed
 *   (modules/privacy), with a keyed hash of the phone for exact lookups. The clear columns are sealed and dropped.
 *   `org_node_id` is the node that looks after the household: a member household (党员中心户) when linked (联户).
 * - `resident`: the people of a household; phone, ID number and care categories sealed, hashes for lookups.
 * - `grid` (网格, level 4 or 5) with its parent, worker account and the branch tied to it; `grid_building`.
 */
export const CARE_CATEGORIES = ['ELDERLY_ALONE', 'LOW_INCOME', 'DISABLED', 'EMPTY_NEST', 'HARDSHIP', 'LEFT_BEHIND_CHILD'];
export const RESIDENT_RELATIONS = ['HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD', 'SIBLING', 'OTHER'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');
const OLD_CARE: Record<string, string> = { ELDERLY: 'ELDERLY_ALONE' };

const BEFORE = [
  `create table personal_data_audit (
     id bigserial primary key,
     account_id integer references account (id),
     principal_kind text not null check (principal_kind in ('staff', 'partner', 'anonymous', 'system')),
     principal_label text not null default '' check (length(principal_label) <= 200),
     record_type text not null check (length(record_type) between 1 and 60),
     record_id integer,
     org_node_id integer references org_node (id),
     fields text[] not null check (cardinality(fields) between 1 and 20),
     action text not null check (action in ('READ', 'WRITE', 'EXPORT')),
     reason text check (length(reason) <= 200),
     created_at timestamptz not null default now()
   )`,
  `create index personal_data_audit_node_idx on personal_data_audit (org_node_id, created_at desc, id desc)`,
  `create index personal_data_audit_record_idx on personal_data_audit (record_type, record_id)`,
  `create index personal_data_audit_account_idx on personal_data_audit (account_id, created_at desc)`,
  `create function personal_data_audit_append_only() returns trigger language plpgsql as $$
   begin
     raise exception 'personal_data_audit is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
   end $$`,
  `create trigger personal_data_audit_no_update before update or delete on personal_data_audit
     for each row execute function personal_data_audit_append_only()`,
  `create trigger personal_data_audit_no_truncate before truncate on personal_data_audit
     for each statement execute function personal_data_audit_append_only()`,

  `create table compound (
     id serial primary key,
     community_id integer not null references org_node (id),
     org_node_id integer not null references org_node (id),
     name text not null check (length(name) between 1 and 100),
     address text not null default '' check (length(address) <= 200),
     unique (community_id, name)
   )`,
  `create index compound_org_idx on compound (org_node_id)`,
  `create table building (
     id serial primary key,
     community_id integer not null references org_node (id),
     compound_id integer not null references compound (id),
     org_node_id integer not null references org_node (id),
     name text not null check (length(name) between 1 and 50),
     unique (compound_id, name)
   )`,
  `create index building_org_idx on building (org_node_id)`,
  `insert into compound (community_id, org_node_id, name)
     select distinct community_id, community_id, compound from household`,
  `insert into building (community_id, compound_id, org_node_id, name)
     select distinct h.community_id, c.id, h.community_id, h.building from household h join compound c on c.community_id = h.community_id and c.name = h.compound`,
  `alter table household add column building_id integer references building (id),
     add column phone_sealed bytea, add column phone_hash bytea, add column care bytea`,
  `update household h set building_id = b.id from building b join compound c on c.id = b.compound_id
     where c.community_id = h.community_id and c.name = h.compound and b.name = h.building`,
];

const AFTER = [
  `alter table household drop column phone, drop column care_categories, drop column compound, drop column building`,
  `alter table household rename column phone_sealed to phone`,
  `alter table household alter column building_id set not null`,
  `create index household_building_idx on household (building_id, unit, room)`,
  `create index household_phone_hash_idx on household (phone_hash) where phone_hash is not null`,

  `create table resident (
     id serial primary key,
     household_id integer not null references household (id) on delete cascade,
     name text not null check (length(name) between 1 and 50),
     relation text not null default 'OTHER' check (relation in (${list(RESIDENT_RELATIONS)})),
     birth_year integer check (birth_year between 1900 and 2100),
     phone bytea,
     phone_hash bytea,
     id_number bytea,
     id_number_hash bytea,
     care bytea,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now()
   )`,
  `create index resident_household_idx on resident (household_id, id)`,
  `create index resident_phone_hash_idx on resident (phone_hash) where phone_hash is not null`,
  `create index resident_id_number_hash_idx on resident (id_number_hash) where id_number_hash is not null`,

  `create table grid (
     id serial primary key,
     community_id integer not null references org_node (id),
     parent_id integer references grid (id),
     level integer not null check (level in (4, 5)),
     name text not null check (length(name) between 1 and 50),
     worker_account_id integer references account (id),
     branch_id integer unique references org_node (id),
     unique (community_id, name),
     check (parent_id is null or parent_id <> id)
   )`,
  `create index grid_parent_idx on grid (parent_id)`,
  `create table grid_building (
     grid_id integer not null references grid (id) on delete cascade,
     building_id integer not null references building (id),
     primary key (grid_id, building_id)
   )`,
  `create index grid_building_building_idx on grid_building (building_id)`,
];

export class Migration20261203000008_households extends Migration {
  override async up(): Promise<void> {
    for (const statement of BEFORE) await this.execute(statement);
    // seal what was stored in clear (needs DATA_KEY, installed before migrations run)
    const rows = await this.execute(`select id, phone, care_categories from household where phone is not null or cardinality(care_categories) > 0`) as { id: number; phone: string | null; care_categories: string[] }[];
    for (const r of rows) {
      const care = r.care_categories.length ? JSON.stringify({ categories: r.care_categories.map((c) => OLD_CARE[c] ?? c), note: '' }) : null;
      await this.execute(`update household set phone_sealed = decode(?, 'hex'), phone_hash = decode(?, 'hex'), care = decode(?, 'hex') where id = ?`, [
        r.phone ? seal(r.phone).toString('hex') : null,
        r.phone ? lookupHash('phone', normalizePhone(r.phone)).toString('hex') : null,
        care ? seal(care).toString('hex') : null,
        r.id,
      ]);
    }
    for (const statement of AFTER) await this.execute(statement);
  }

  override async down(): Promise<void> {
    this.addSql('drop table grid_building, grid, resident, personal_data_audit cascade');
    this.addSql('drop function personal_data_audit_append_only');
    this.addSql(`alter table household add column compound text not null default '', add column building text not null default '', add column phone_clear text, add column care_categories text[] not null default '{}'`);
    this.addSql(`update household h set compound = c.name, building = b.name from building b join compound c on c.id = b.compound_id where b.id = h.building_id`);
    this.addSql('alter table household drop column building_id, drop column phone, drop column phone_hash, drop column care');
    this.addSql('alter table household rename column phone_clear to phone');
    this.addSql('drop table building, compound');
  }
}
