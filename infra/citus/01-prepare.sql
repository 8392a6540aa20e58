-- Step 1 of taking the database beyond one server (see infra/README.md): plain PostgreSQL, no Citus needed.
-- Run on the migrated database, in a maintenance window, before 02-distribute.sql:
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f infra/citus/01-prepare.sql
--
-- 1. The tenant key on every community table: the child tables that reach their community only through a parent
--    get a community_id column, filled from the parent, NOT NULL, and kept filled on insert by a trigger until
--    the API writes it itself.
-- 2. Primary keys, unique constraints and foreign keys between distributed tables include community_id (Citus
--    requires it: a key is only enforced within one shard).
begin;

-- ---- 1. tenant key ---------------------------------------------------------------------------------------

create or replace function tenant_from_parent() returns trigger language plpgsql as $$
begin
  -- TG_ARGV: parent table, column of this row that points at the parent
  if new.community_id is null then
    execute format('select community_id from %I where id = $1', tg_argv[0]) into new.community_id
      using (to_jsonb(new) ->> tg_argv[1])::integer;
  end if;
  return new;
end $$;

do $$
declare
  child record;
begin
  -- the append-only timeline refuses UPDATE: let the backfill through, then close it again
  alter table demand_event disable trigger demand_event_no_update;
  for child in select * from (values
      ('resident', 'household_id', 'household'),
      ('demand_event', 'demand_id', 'demand'),
      ('activity_co_host', 'activity_id', 'activity'),
      ('activity_door_staff', 'activity_id', 'activity'),
      ('grid_building', 'grid_id', 'grid'),
      ('meeting_agenda_item', 'meeting_id', 'meeting'),
      ('meeting_attendee', 'meeting_id', 'meeting'),
      ('meeting_schedule_change', 'schedule_id', 'meeting_schedule'),
      ('party_project_progress', 'project_id', 'party_project'),
      ('visit_demand', 'visit_id', 'visit'),
      ('volunteer_team_member', 'team_id', 'volunteer_team'),
      ('decision_step', 'decision_id', 'decision')
    ) as c(tbl, fk, parent)
  loop
    execute format('alter table %I add column if not exists community_id integer references org_node (id)', child.tbl);
    execute format('update %I x set community_id = p.community_id from %I p where p.id = x.%I and x.community_id is null', child.tbl, child.parent, child.fk);
    execute format('alter table %I alter column community_id set not null', child.tbl);
    execute format('create index if not exists %I on %I (community_id)', child.tbl || '_community_idx', child.tbl);
    execute format('drop trigger if exists tenant_from_parent on %I', child.tbl);
    execute format('create trigger tenant_from_parent before insert on %I for each row execute function tenant_from_parent(%L, %L)', child.tbl, child.parent, child.fk);
  end loop;
  alter table demand_event enable trigger demand_event_no_update;
end $$;

-- rows of these always belong to a community; the column was nullable only by history
alter table party_member alter column community_id set not null;
alter table member_position alter column community_id set not null;

-- ---- 2. keys that include the tenant key --------------------------------------------------------------------

-- The tables distributed by community_id (02-distribute.sql keeps the same list, co-located).
create temporary table tenant_tables (tbl text primary key) on commit drop;
insert into tenant_tables values
  ('party_member'), ('member_position'), ('household'), ('unit_community'), ('agreement'), ('committee_seat'),
  ('cross_appointment'), ('property_evaluation'), ('double_report'), ('venue'), ('activity_series'), ('activity'),
  ('activity_co_host'), ('volunteer'), ('volunteer_team'), ('volunteer_team_member'), ('registration'),
  ('service_record'), ('recognition'), ('demand'), ('demand_event'), ('demand_deadline'), ('compound'), ('building'),
  ('resident'), ('grid'), ('grid_building'), ('meeting_schedule'), ('meeting_schedule_change'), ('meeting'),
  ('meeting_attendee'), ('meeting_agenda_item'), ('meeting_requirement'), ('visit'), ('visit_demand'), ('patrol'),
  ('hazard'), ('party_project'), ('party_project_progress'), ('notification'), ('activity_door_staff'),
  ('decision'), ('decision_step'), ('decision_opinion'), ('service_offer'), ('service_order'), ('recruitment_call'),
  ('talent_team'), ('talent_applicant');

-- foreign keys between two tenant tables, and from reference tables into tenant tables: noted, then dropped
create temporary table dropped_fks on commit drop as
  select k.conname, k.conrelid::regclass::text as tbl, k.confrelid::regclass::text as parent,
         (select array_agg(a.attname order by u.ord) from unnest(k.conkey) with ordinality u(n, ord) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n) as cols,
         (select array_agg(a.attname order by u.ord) from unnest(k.confkey) with ordinality u(n, ord) join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n) as parent_cols,
         k.confdeltype
  from pg_constraint k
  where k.contype = 'f' and k.confrelid::regclass::text in (select tbl from tenant_tables);

do $$
declare
  fk record;
  t record;
  ix record;
  pk record;
begin
  for fk in select * from dropped_fks loop
    execute format('alter table %I drop constraint %I', fk.tbl, fk.conname);
  end loop;

  for t in select tbl from tenant_tables loop
    -- primary key: (community_id, …)
    select k.conname, pg_get_constraintdef(k.oid) as def into pk from pg_constraint k where k.conrelid = t.tbl::regclass and k.contype = 'p';
    if pk.conname is not null and pk.def not like '%community_id%' then
      execute format('alter table %I drop constraint %I', t.tbl, pk.conname);
      execute format('alter table %I add primary key (community_id, %s)', t.tbl, substring(pk.def from '\((.*)\)'));
    end if;
    -- unique constraints and unique indexes without the tenant key: the same with community_id first
    for ix in
      select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def, k.conname
      from pg_index i left join pg_constraint k on k.conindid = i.indexrelid and k.contype = 'u'
      where i.indrelid = t.tbl::regclass and i.indisunique and not i.indisprimary
        and pg_get_indexdef(i.indexrelid) not like '%community_id%'
    loop
      if ix.conname is not null then
        execute format('alter table %I drop constraint %I', t.tbl, ix.conname);
      else
        execute format('drop index %s', ix.name);
      end if;
      execute regexp_replace(regexp_replace(ix.def, '^CREATE UNIQUE INDEX \S+', 'CREATE UNIQUE INDEX ' || replace(ix.name, '.', '_') || '_tenant'), ' USING btree \(', ' USING btree (community_id, ');
    end loop;
  end loop;

  -- foreign keys between tenant tables again, through (community_id, …): enforced within a shard
  for fk in select * from dropped_fks where tbl in (select tbl from tenant_tables) loop
    execute format('alter table %I add constraint %I foreign key (community_id, %s) references %I (community_id, %s)%s',
      fk.tbl, fk.conname, array_to_string(fk.cols, ', '), fk.parent, array_to_string(fk.parent_cols, ', '),
      case fk.confdeltype when 'c' then ' on delete cascade' else '' end);
  end loop;
  -- foreign keys from reference tables into tenant tables (member_transfer.member_id) cannot exist under Citus:
  -- the API checks them (a transfer names its member under a row lock)
end $$;

commit;
