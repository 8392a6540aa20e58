-- Step 2 (see infra/README.md): on a Citus coordinator holding the database prepared by 01-prepare.sql.
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f infra/citus/02-distribute.sql
-- Reference tables first (copied to every worker), then the tenant tables, parents before children, all
-- distributed by community_id and co-located with household, so that every join inside a community stays on one
-- shard. A test (apps/api/src/db/citus-ddl.test.ts) checks that every table of the migrated database is placed here.
create extension if not exists citus;

-- ---- reference tables: small, read everywhere, joined with every tenant table ----------------------------------
-- the org chain itself (paths drive every access check; street nodes have no community)
select create_reference_table('org_node');
-- accounts, sessions, grants: the identity of a request is resolved before its community is known
select create_reference_table('account');
select create_reference_table('account_session');
select create_reference_table('access_grant');
-- co-building units work with several communities; their partner tokens are looked up by hash
select create_reference_table('co_building_unit');
select create_reference_table('partner_token');
-- a transfer moves a member between communities (two tenants): low volume, read from both sides
select create_reference_table('member_transfer');
-- migration bookkeeping
select create_reference_table('mikro_orm_migrations');
-- each org node's own roll-up counters (OrgNode.stats): a few rows per node, keyed by node like org_node and read
-- with it by path range (a street's counters have no community). The triggers that keep it run where the counted
-- rows are written: on the workers they need citus.enable_unsafe_triggers, and every counted write then also
-- writes a reference table (replicated to each node); not tried on a cluster here
select create_reference_table('org_rollup');

-- ---- tenant tables, co-located by community_id -------------------------------------------------------------
select create_distributed_table('household', 'community_id', colocate_with => 'none', shard_count => 64);
select create_distributed_table('party_member', 'community_id', colocate_with => 'household');
select create_distributed_table('member_position', 'community_id', colocate_with => 'household');
select create_distributed_table('unit_community', 'community_id', colocate_with => 'household');
select create_distributed_table('agreement', 'community_id', colocate_with => 'household');
select create_distributed_table('committee_seat', 'community_id', colocate_with => 'household');
select create_distributed_table('cross_appointment', 'community_id', colocate_with => 'household');
select create_distributed_table('property_evaluation', 'community_id', colocate_with => 'household');
select create_distributed_table('double_report', 'community_id', colocate_with => 'household');
select create_distributed_table('venue', 'community_id', colocate_with => 'household');
select create_distributed_table('activity_series', 'community_id', colocate_with => 'household');
select create_distributed_table('activity', 'community_id', colocate_with => 'household');
select create_distributed_table('activity_co_host', 'community_id', colocate_with => 'household');
select create_distributed_table('activity_door_staff', 'community_id', colocate_with => 'household');
select create_distributed_table('volunteer', 'community_id', colocate_with => 'household');
select create_distributed_table('volunteer_team', 'community_id', colocate_with => 'household');
select create_distributed_table('volunteer_team_member', 'community_id', colocate_with => 'household');
select create_distributed_table('registration', 'community_id', colocate_with => 'household');
select create_distributed_table('service_record', 'community_id', colocate_with => 'household');
select create_distributed_table('recognition', 'community_id', colocate_with => 'household');
select create_distributed_table('demand', 'community_id', colocate_with => 'household');
select create_distributed_table('demand_event', 'community_id', colocate_with => 'household');
select create_distributed_table('demand_deadline', 'community_id', colocate_with => 'household');
select create_distributed_table('compound', 'community_id', colocate_with => 'household');
select create_distributed_table('building', 'community_id', colocate_with => 'household');
select create_distributed_table('resident', 'community_id', colocate_with => 'household');
select create_distributed_table('grid', 'community_id', colocate_with => 'household');
select create_distributed_table('grid_building', 'community_id', colocate_with => 'household');
select create_distributed_table('meeting_schedule', 'community_id', colocate_with => 'household');
select create_distributed_table('meeting_schedule_change', 'community_id', colocate_with => 'household');
select create_distributed_table('meeting', 'community_id', colocate_with => 'household');
select create_distributed_table('meeting_attendee', 'community_id', colocate_with => 'household');
select create_distributed_table('meeting_agenda_item', 'community_id', colocate_with => 'household');
select create_distributed_table('meeting_requirement', 'community_id', colocate_with => 'household');
select create_distributed_table('visit', 'community_id', colocate_with => 'household');
select create_distributed_table('visit_demand', 'community_id', colocate_with => 'household');
select create_distributed_table('patrol', 'community_id', colocate_with => 'household');
select create_distributed_table('hazard', 'community_id', colocate_with => 'household');
select create_distributed_table('party_project', 'community_id', colocate_with => 'household');
select create_distributed_table('party_project_progress', 'community_id', colocate_with => 'household');
select create_distributed_table('notification', 'community_id', colocate_with => 'household');
select create_distributed_table('decision', 'community_id', colocate_with => 'household');
select create_distributed_table('decision_step', 'community_id', colocate_with => 'household');
select create_distributed_table('decision_opinion', 'community_id', colocate_with => 'household');
select create_distributed_table('service_offer', 'community_id', colocate_with => 'household');
select create_distributed_table('service_order', 'community_id', colocate_with => 'household');
select create_distributed_table('recruitment_call', 'community_id', colocate_with => 'household');
select create_distributed_table('talent_team', 'community_id', colocate_with => 'household');
select create_distributed_table('talent_applicant', 'community_id', colocate_with => 'household');

-- ---- uploads and announcements: reference tables ------------------------------------------------------------
-- A file or a notice may belong to a street office (no community), and there is one row per file or notice, not
-- per resident: small enough to copy to every node, and every shard can join a demand or hazard to its photos.
select create_reference_table('media');
select create_reference_table('attachment');
select create_reference_table('announcement');

-- ---- the personal-data audit log: append-only, large, not per community ----------------------------------------
-- Rows of street-level and system reads have no community; distributed by its own id (spread evenly, not
-- co-located). Reads of the log (by record or by node) fan out to every shard: an infrequent admin screen.
select create_distributed_table('personal_data_audit', 'id', colocate_with => 'none');
