import { Migration } from '@mikro-orm/migrations';

/**
 * Roll-up counters for `OrgNode.stats` (modules/org/org.stats.ts):
 * - `org_rollup`: each org node's OWN counts (rows whose org node is exactly that node), one row per registered
 *   count and month bucket (`bucket` yyyymm in Asia/Shanghai for counts of this month / this year, 0 otherwise).
 *   A node's stats are the sums over its subtree, read by path range through org_node.
 * - one trigger function per counted table, run once per statement (insert, update, delete: over the transition
 *   tables; truncate), adding the statement's deltas in key order; `org_rollup_rebuild()` recounts everything.
 * The functions below are the output of `orgRollupDdl()` for the counts registered when this migration was
 * written; a test compares the database's functions with what the registry generates now, so a change to a counted
 * definition comes with a migration holding the new output. The table is filled by a full recount at the end.
 */
export const ORG_ROLLUP_UP = [
  `create table org_rollup (
     node_id integer not null,
     field text not null,
     bucket integer not null,
     value bigint not null,
     primary key (node_id, field, bucket)
   )`,
  `create or replace function org_rollup_party_member() returns trigger language plpgsql as $body$
begin
  if tg_op = 'TRUNCATE' then
    update org_rollup set value = 0 where field in ('memberCount') and value <> 0;
  elsif tg_op = 'INSERT' then
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'memberCount'::text as field, 0 as bucket, 1 as delta from new_rows where org_node_id is not null and (archived_at is null)
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  elsif tg_op = 'DELETE' then
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'memberCount'::text as field, 0 as bucket, -1 as delta from old_rows where org_node_id is not null and (archived_at is null)
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  else
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'memberCount'::text as field, 0 as bucket, 1 as delta from new_rows where org_node_id is not null and (archived_at is null)
      union all select org_node_id as node_id, 'memberCount'::text as field, 0 as bucket, -1 as delta from old_rows where org_node_id is not null and (archived_at is null)
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  end if;
  return null;
end
$body$`,
  `create or replace function org_rollup_household() returns trigger language plpgsql as $body$
begin
  if tg_op = 'TRUNCATE' then
    update org_rollup set value = 0 where field in ('householdCount') and value <> 0;
  elsif tg_op = 'INSERT' then
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'householdCount'::text as field, 0 as bucket, 1 as delta from new_rows where org_node_id is not null and (true)
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  elsif tg_op = 'DELETE' then
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'householdCount'::text as field, 0 as bucket, -1 as delta from old_rows where org_node_id is not null and (true)
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  else
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'householdCount'::text as field, 0 as bucket, 1 as delta from new_rows where org_node_id is not null and (true)
      union all select org_node_id as node_id, 'householdCount'::text as field, 0 as bucket, -1 as delta from old_rows where org_node_id is not null and (true)
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  end if;
  return null;
end
$body$`,
  `create or replace function org_rollup_activity() returns trigger language plpgsql as $body$
begin
  if tg_op = 'TRUNCATE' then
    update org_rollup set value = 0 where field in ('activitiesThisMonth') and value <> 0;
  elsif tg_op = 'INSERT' then
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select organizer_id as node_id, 'activitiesThisMonth'::text as field, to_char(starts_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, 1 as delta from new_rows where organizer_id is not null and starts_at is not null and (status in ('PUBLISHED', 'FINISHED'))
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  elsif tg_op = 'DELETE' then
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select organizer_id as node_id, 'activitiesThisMonth'::text as field, to_char(starts_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, -1 as delta from old_rows where organizer_id is not null and starts_at is not null and (status in ('PUBLISHED', 'FINISHED'))
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  else
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select organizer_id as node_id, 'activitiesThisMonth'::text as field, to_char(starts_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, 1 as delta from new_rows where organizer_id is not null and starts_at is not null and (status in ('PUBLISHED', 'FINISHED'))
      union all select organizer_id as node_id, 'activitiesThisMonth'::text as field, to_char(starts_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, -1 as delta from old_rows where organizer_id is not null and starts_at is not null and (status in ('PUBLISHED', 'FINISHED'))
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  end if;
  return null;
end
$body$`,
  `create or replace function org_rollup_demand() returns trigger language plpgsql as $body$
begin
  if tg_op = 'TRUNCATE' then
    update org_rollup set value = 0 where field in ('openDemandCount', 'demandsReceivedThisYear', 'demandsResolvedThisYear', 'demandsRatedThisYear', 'demandsSatisfiedThisYear') and value <> 0;
  elsif tg_op = 'INSERT' then
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'openDemandCount'::text as field, 0 as bucket, 1 as delta from new_rows where org_node_id is not null and (state <> 'DUPLICATE' and state in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED'))
      union all select org_node_id as node_id, 'demandsReceivedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, 1 as delta from new_rows where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and true)
      union all select org_node_id as node_id, 'demandsResolvedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, 1 as delta from new_rows where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and state in ('RESOLVED', 'CLOSED'))
      union all select org_node_id as node_id, 'demandsRatedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, 1 as delta from new_rows where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and rating is not null)
      union all select org_node_id as node_id, 'demandsSatisfiedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, 1 as delta from new_rows where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and rating >= 4)
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  elsif tg_op = 'DELETE' then
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'openDemandCount'::text as field, 0 as bucket, -1 as delta from old_rows where org_node_id is not null and (state <> 'DUPLICATE' and state in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED'))
      union all select org_node_id as node_id, 'demandsReceivedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, -1 as delta from old_rows where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and true)
      union all select org_node_id as node_id, 'demandsResolvedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, -1 as delta from old_rows where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and state in ('RESOLVED', 'CLOSED'))
      union all select org_node_id as node_id, 'demandsRatedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, -1 as delta from old_rows where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and rating is not null)
      union all select org_node_id as node_id, 'demandsSatisfiedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, -1 as delta from old_rows where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and rating >= 4)
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  else
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'openDemandCount'::text as field, 0 as bucket, 1 as delta from new_rows where org_node_id is not null and (state <> 'DUPLICATE' and state in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED'))
      union all select org_node_id as node_id, 'demandsReceivedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, 1 as delta from new_rows where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and true)
      union all select org_node_id as node_id, 'demandsResolvedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, 1 as delta from new_rows where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and state in ('RESOLVED', 'CLOSED'))
      union all select org_node_id as node_id, 'demandsRatedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, 1 as delta from new_rows where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and rating is not null)
      union all select org_node_id as node_id, 'demandsSatisfiedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, 1 as delta from new_rows where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and rating >= 4)
      union all select org_node_id as node_id, 'openDemandCount'::text as field, 0 as bucket, -1 as delta from old_rows where org_node_id is not null and (state <> 'DUPLICATE' and state in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED'))
      union all select org_node_id as node_id, 'demandsReceivedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, -1 as delta from old_rows where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and true)
      union all select org_node_id as node_id, 'demandsResolvedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, -1 as delta from old_rows where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and state in ('RESOLVED', 'CLOSED'))
      union all select org_node_id as node_id, 'demandsRatedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, -1 as delta from old_rows where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and rating is not null)
      union all select org_node_id as node_id, 'demandsSatisfiedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, -1 as delta from old_rows where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and rating >= 4)
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  end if;
  return null;
end
$body$`,
  `create or replace function org_rollup_meeting() returns trigger language plpgsql as $body$
begin
  if tg_op = 'TRUNCATE' then
    update org_rollup set value = 0 where field in ('meetingsHeldThisYear') and value <> 0;
  elsif tg_op = 'INSERT' then
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'meetingsHeldThisYear'::text as field, to_char(starts_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, 1 as delta from new_rows where org_node_id is not null and starts_at is not null and (status = 'HELD')
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  elsif tg_op = 'DELETE' then
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'meetingsHeldThisYear'::text as field, to_char(starts_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, -1 as delta from old_rows where org_node_id is not null and starts_at is not null and (status = 'HELD')
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  else
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'meetingsHeldThisYear'::text as field, to_char(starts_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, 1 as delta from new_rows where org_node_id is not null and starts_at is not null and (status = 'HELD')
      union all select org_node_id as node_id, 'meetingsHeldThisYear'::text as field, to_char(starts_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket, -1 as delta from old_rows where org_node_id is not null and starts_at is not null and (status = 'HELD')
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  end if;
  return null;
end
$body$`,
  `create or replace function org_rollup_hazard() returns trigger language plpgsql as $body$
begin
  if tg_op = 'TRUNCATE' then
    update org_rollup set value = 0 where field in ('openHazardCount', 'fixedHazardCount') and value <> 0;
  elsif tg_op = 'INSERT' then
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'openHazardCount'::text as field, 0 as bucket, 1 as delta from new_rows where org_node_id is not null and (state in ('FOUND', 'ASSIGNED'))
      union all select org_node_id as node_id, 'fixedHazardCount'::text as field, 0 as bucket, 1 as delta from new_rows where org_node_id is not null and (state in ('FIXED', 'VERIFIED'))
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  elsif tg_op = 'DELETE' then
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'openHazardCount'::text as field, 0 as bucket, -1 as delta from old_rows where org_node_id is not null and (state in ('FOUND', 'ASSIGNED'))
      union all select org_node_id as node_id, 'fixedHazardCount'::text as field, 0 as bucket, -1 as delta from old_rows where org_node_id is not null and (state in ('FIXED', 'VERIFIED'))
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  else
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'openHazardCount'::text as field, 0 as bucket, 1 as delta from new_rows where org_node_id is not null and (state in ('FOUND', 'ASSIGNED'))
      union all select org_node_id as node_id, 'fixedHazardCount'::text as field, 0 as bucket, 1 as delta from new_rows where org_node_id is not null and (state in ('FIXED', 'VERIFIED'))
      union all select org_node_id as node_id, 'openHazardCount'::text as field, 0 as bucket, -1 as delta from old_rows where org_node_id is not null and (state in ('FOUND', 'ASSIGNED'))
      union all select org_node_id as node_id, 'fixedHazardCount'::text as field, 0 as bucket, -1 as delta from old_rows where org_node_id is not null and (state in ('FIXED', 'VERIFIED'))
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  end if;
  return null;
end
$body$`,
  `create or replace function org_rollup_party_project() returns trigger language plpgsql as $body$
begin
  if tg_op = 'TRUNCATE' then
    update org_rollup set value = 0 where field in ('partyProjectCount') and value <> 0;
  elsif tg_op = 'INSERT' then
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'partyProjectCount'::text as field, 0 as bucket, 1 as delta from new_rows where org_node_id is not null and (true)
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  elsif tg_op = 'DELETE' then
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'partyProjectCount'::text as field, 0 as bucket, -1 as delta from old_rows where org_node_id is not null and (true)
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  else
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'partyProjectCount'::text as field, 0 as bucket, 1 as delta from new_rows where org_node_id is not null and (true)
      union all select org_node_id as node_id, 'partyProjectCount'::text as field, 0 as bucket, -1 as delta from old_rows where org_node_id is not null and (true)
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  end if;
  return null;
end
$body$`,
  `create or replace function org_rollup_decision() returns trigger language plpgsql as $body$
begin
  if tg_op = 'TRUNCATE' then
    update org_rollup set value = 0 where field in ('openDecisionCount') and value <> 0;
  elsif tg_op = 'INSERT' then
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'openDecisionCount'::text as field, 0 as bucket, 1 as delta from new_rows where org_node_id is not null and (state not in ('DECISION_PUBLISHED', 'RESULT_PUBLISHED'))
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  elsif tg_op = 'DELETE' then
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'openDecisionCount'::text as field, 0 as bucket, -1 as delta from old_rows where org_node_id is not null and (state not in ('DECISION_PUBLISHED', 'RESULT_PUBLISHED'))
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  else
    insert into org_rollup (node_id, field, bucket, value)
    select node_id, field, bucket, sum(delta) from (
      select org_node_id as node_id, 'openDecisionCount'::text as field, 0 as bucket, 1 as delta from new_rows where org_node_id is not null and (state not in ('DECISION_PUBLISHED', 'RESULT_PUBLISHED'))
      union all select org_node_id as node_id, 'openDecisionCount'::text as field, 0 as bucket, -1 as delta from old_rows where org_node_id is not null and (state not in ('DECISION_PUBLISHED', 'RESULT_PUBLISHED'))
    ) d group by node_id, field, bucket having sum(delta) <> 0 order by node_id, field, bucket
    on conflict (node_id, field, bucket) do update set value = org_rollup.value + excluded.value;
  end if;
  return null;
end
$body$`,
  `create or replace function org_rollup_rebuild() returns void language plpgsql as $body$
begin
  -- waits for the writers under way; later writers wait for this recount and add their deltas to it
  lock table org_rollup in exclusive mode;
  delete from org_rollup;
  insert into org_rollup (node_id, field, bucket, value)
  select node_id, field, bucket, count(*) from (
      select org_node_id as node_id, 'memberCount'::text as field, 0 as bucket from party_member where org_node_id is not null and (archived_at is null)
      union all select org_node_id as node_id, 'householdCount'::text as field, 0 as bucket from household where org_node_id is not null and (true)
      union all select organizer_id as node_id, 'activitiesThisMonth'::text as field, to_char(starts_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket from activity where organizer_id is not null and starts_at is not null and (status in ('PUBLISHED', 'FINISHED'))
      union all select org_node_id as node_id, 'openDemandCount'::text as field, 0 as bucket from demand where org_node_id is not null and (state <> 'DUPLICATE' and state in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED'))
      union all select org_node_id as node_id, 'demandsReceivedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket from demand where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and true)
      union all select org_node_id as node_id, 'demandsResolvedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket from demand where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and state in ('RESOLVED', 'CLOSED'))
      union all select org_node_id as node_id, 'demandsRatedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket from demand where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and rating is not null)
      union all select org_node_id as node_id, 'demandsSatisfiedThisYear'::text as field, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket from demand where org_node_id is not null and created_at is not null and (state <> 'DUPLICATE' and rating >= 4)
      union all select org_node_id as node_id, 'meetingsHeldThisYear'::text as field, to_char(starts_at at time zone 'Asia/Shanghai', 'YYYYMM')::int as bucket from meeting where org_node_id is not null and starts_at is not null and (status = 'HELD')
      union all select org_node_id as node_id, 'openHazardCount'::text as field, 0 as bucket from hazard where org_node_id is not null and (state in ('FOUND', 'ASSIGNED'))
      union all select org_node_id as node_id, 'fixedHazardCount'::text as field, 0 as bucket from hazard where org_node_id is not null and (state in ('FIXED', 'VERIFIED'))
      union all select org_node_id as node_id, 'partyProjectCount'::text as field, 0 as bucket from party_project where org_node_id is not null and (true)
      union all select org_node_id as node_id, 'openDecisionCount'::text as field, 0 as bucket from decision where org_node_id is not null and (state not in ('DECISION_PUBLISHED', 'RESULT_PUBLISHED'))
  ) d group by node_id, field, bucket;
end
$body$`,
  `create trigger org_rollup_insert after insert on party_member referencing new table as new_rows for each statement execute function org_rollup_party_member()`,
  `create trigger org_rollup_update after update on party_member referencing old table as old_rows new table as new_rows for each statement execute function org_rollup_party_member()`,
  `create trigger org_rollup_delete after delete on party_member referencing old table as old_rows for each statement execute function org_rollup_party_member()`,
  `create trigger org_rollup_truncate after truncate on party_member for each statement execute function org_rollup_party_member()`,
  `create trigger org_rollup_insert after insert on household referencing new table as new_rows for each statement execute function org_rollup_household()`,
  `create trigger org_rollup_update after update on household referencing old table as old_rows new table as new_rows for each statement execute function org_rollup_household()`,
  `create trigger org_rollup_delete after delete on household referencing old table as old_rows for each statement execute function org_rollup_household()`,
  `create trigger org_rollup_truncate after truncate on household for each statement execute function org_rollup_household()`,
  `create trigger org_rollup_insert after insert on activity referencing new table as new_rows for each statement execute function org_rollup_activity()`,
  `create trigger org_rollup_update after update on activity referencing old table as old_rows new table as new_rows for each statement execute function org_rollup_activity()`,
  `create trigger org_rollup_delete after delete on activity referencing old table as old_rows for each statement execute function org_rollup_activity()`,
  `create trigger org_rollup_truncate after truncate on activity for each statement execute function org_rollup_activity()`,
  `create trigger org_rollup_insert after insert on demand referencing new table as new_rows for each statement execute function org_rollup_demand()`,
  `create trigger org_rollup_update after update on demand referencing old table as old_rows new table as new_rows for each statement execute function org_rollup_demand()`,
  `create trigger org_rollup_delete after delete on demand referencing old table as old_rows for each statement execute function org_rollup_demand()`,
  `create trigger org_rollup_truncate after truncate on demand for each statement execute function org_rollup_demand()`,
  `create trigger org_rollup_insert after insert on meeting referencing new table as new_rows for each statement execute function org_rollup_meeting()`,
  `create trigger org_rollup_update after update on meeting referencing old table as old_rows new table as new_rows for each statement execute function org_rollup_meeting()`,
  `create trigger org_rollup_delete after delete on meeting referencing old table as old_rows for each statement execute function org_rollup_meeting()`,
  `create trigger org_rollup_truncate after truncate on meeting for each statement execute function org_rollup_meeting()`,
  `create trigger org_rollup_insert after insert on hazard referencing new table as new_rows for each statement execute function org_rollup_hazard()`,
  `create trigger org_rollup_update after update on hazard referencing old table as old_rows new table as new_rows for each statement execute function org_rollup_hazard()`,
  `create trigger org_rollup_delete after delete on hazard referencing old table as old_rows for each statement execute function org_rollup_hazard()`,
  `create trigger org_rollup_truncate after truncate on hazard for each statement execute function org_rollup_hazard()`,
  `create trigger org_rollup_insert after insert on party_project referencing new table as new_rows for each statement execute function org_rollup_party_project()`,
  `create trigger org_rollup_update after update on party_project referencing old table as old_rows new table as new_rows for each statement execute function org_rollup_party_project()`,
  `create trigger org_rollup_delete after delete on party_project referencing old table as old_rows for each statement execute function org_rollup_party_project()`,
  `create trigger org_rollup_truncate after truncate on party_project for each statement execute function org_rollup_party_project()`,
  `create trigger org_rollup_insert after insert on decision referencing new table as new_rows for each statement execute function org_rollup_decision()`,
  `create trigger org_rollup_update after update on decision referencing old table as old_rows new table as new_rows for each statement execute function org_rollup_decision()`,
  `create trigger org_rollup_delete after delete on decision referencing old table as old_rows for each statement execute function org_rollup_decision()`,
  `create trigger org_rollup_truncate after truncate on decision for each statement execute function org_rollup_decision()`,
  `select org_rollup_rebuild()`,
];

export const ORG_ROLLUP_DOWN = [
  `drop trigger if exists org_rollup_insert on party_member`,
  `drop trigger if exists org_rollup_update on party_member`,
  `drop trigger if exists org_rollup_delete on party_member`,
  `drop trigger if exists org_rollup_truncate on party_member`,
  `drop trigger if exists org_rollup_insert on household`,
  `drop trigger if exists org_rollup_update on household`,
  `drop trigger if exists org_rollup_delete on household`,
  `drop trigger if exists org_rollup_truncate on household`,
  `drop trigger if exists org_rollup_insert on activity`,
  `drop trigger if exists org_rollup_update on activity`,
  `drop trigger if exists org_rollup_delete on activity`,
  `drop trigger if exists org_rollup_truncate on activity`,
  `drop trigger if exists org_rollup_insert on demand`,
  `drop trigger if exists org_rollup_update on demand`,
  `drop trigger if exists org_rollup_delete on demand`,
  `drop trigger if exists org_rollup_truncate on demand`,
  `drop trigger if exists org_rollup_insert on meeting`,
  `drop trigger if exists org_rollup_update on meeting`,
  `drop trigger if exists org_rollup_delete on meeting`,
  `drop trigger if exists org_rollup_truncate on meeting`,
  `drop trigger if exists org_rollup_insert on hazard`,
  `drop trigger if exists org_rollup_update on hazard`,
  `drop trigger if exists org_rollup_delete on hazard`,
  `drop trigger if exists org_rollup_truncate on hazard`,
  `drop trigger if exists org_rollup_insert on party_project`,
  `drop trigger if exists org_rollup_update on party_project`,
  `drop trigger if exists org_rollup_delete on party_project`,
  `drop trigger if exists org_rollup_truncate on party_project`,
  `drop trigger if exists org_rollup_insert on decision`,
  `drop trigger if exists org_rollup_update on decision`,
  `drop trigger if exists org_rollup_delete on decision`,
  `drop trigger if exists org_rollup_truncate on decision`,
  `drop function if exists org_rollup_party_member()`,
  `drop function if exists org_rollup_household()`,
  `drop function if exists org_rollup_activity()`,
  `drop function if exists org_rollup_demand()`,
  `drop function if exists org_rollup_meeting()`,
  `drop function if exists org_rollup_hazard()`,
  `drop function if exists org_rollup_party_project()`,
  `drop function if exists org_rollup_decision()`,
  `drop function if exists org_rollup_rebuild()`,
  `drop table org_rollup`,
];

export class Migration20261203000015_org_rollup extends Migration {
  override async up(): Promise<void> {
    for (const statement of ORG_ROLLUP_UP) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const statement of ORG_ROLLUP_DOWN) this.addSql(statement);
  }
}
