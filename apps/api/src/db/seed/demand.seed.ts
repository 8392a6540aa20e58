import { buildDemoDemands, type DemoActor, type DemoDemand } from '@tongxin/demo-data';
import { DEFAULT_FIRST_RESPONSE_HOURS, DEFAULT_RESOLUTION_HOURS } from '../../modules/demand/index.js';
import { seal } from '../../modules/privacy/index.js';
import { sql } from '../sql.js';
import { idFor, insertRows, reserveIds, type SeedContext } from './util.js';

/**
 * A year of resident demands for every community, with their timelines (packages/demo-data `buildDemoDemands`):
 * 红棉 22 collected / 7 solved / 15 in progress this year, 七贤 220+ resolved with satisfaction above 90%, 红康
 * 60+ noise, fire-safety and dispute cases. Plain multi-row inserts: a few statements for ~500 demands and
 * ~4,000 events. Deadlines follow the API's defaults (no community overrides them in the demo).
 */
export async function seedDemands(ctx: SeedContext): Promise<void> {
  const { em, dataset } = ctx;
  const now = new Date();
  const demands = buildDemoDemands(dataset, now, { firstResponse: DEFAULT_FIRST_RESPONSE_HOURS, resolution: DEFAULT_RESOLUTION_HOURS });

  const accountId = new Map((await sql<{ id: number; username: string }>(em, `select id, username from account`)).map((a) => [a.username, a.id]));
  const unitByName = new Map((await sql<{ id: number; name: string }>(em, `select id, name from co_building_unit`)).map((u) => [u.name, u.id]));
  const unitNames = new Map(dataset.streets.flatMap((s) => s.communities).flatMap((c) => c.units).map((u) => [u.key, u.name]));
  const unitId = (key: string): number => {
    const id = ctx.ids.unit?.get(key) ?? unitByName.get(unitNames.get(key) ?? '');
    if (id == null) throw new Error(`demo data: no unit with key "${key}"`);
    return id;
  };
  const account = (username: string): number => {
    const id = accountId.get(username);
    if (id == null) throw new Error(`demo data: no account "${username}"`);
    return id;
  };

  const ids = await reserveIds(em, 'demand', demands.length);
  const idOf = new Map(demands.map((d, i) => [d.key, ids[i]]));
  const rows = demands.map((d: DemoDemand, i) => ({
    id: ids[i],
    community_id: idFor(ctx, 'org', d.communityKey),
    org_node_id: idFor(ctx, 'org', d.nodeKey),
    ticket_code: d.ticketCode,
    title: d.title,
    description: d.description,
    channel: d.channel,
    category: d.category,
    priority: d.priority,
    state: d.state,
    version: d.version,
    place_compound: d.place.compound,
    place_building: d.place.building,
    photo_urls: [],
    resident_name: seal(d.resident.name),
    resident_phone: seal(d.resident.phone),
    source: d.source,
    created_by: d.createdBy ? account(d.createdBy) : null,
    resolved_on_spot: d.resolvedOnSpot,
    assigned_account_id: d.assignee?.kind === 'ACCOUNT' ? account(d.assignee.username) : null,
    assigned_branch_id: d.assignee?.kind === 'BRANCH' ? idFor(ctx, 'org', d.assignee.key) : null,
    assigned_unit_id: d.assignee?.kind === 'UNIT' ? unitId(d.assignee.key) : null,
    first_response_due_at: d.firstResponseDueAt,
    resolution_due_at: d.resolutionDueAt,
    first_responded_at: d.firstRespondedAt,
    resolved_at: d.resolvedAt,
    closed_at: d.closedAt,
    escalation_level: d.escalationLevel,
    escalated_at: d.escalatedAt,
    duplicate_of_id: d.duplicateOfKey ? idOf.get(d.duplicateOfKey)! : null,
    rating: d.rating,
    rating_comment: d.ratingComment,
    rated_at: d.ratedAt,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
  }));
  // originals before their duplicates: the foreign key is checked row by row
  await insertRows(em, 'demand', rows.filter((r) => r.duplicate_of_id == null));
  await insertRows(em, 'demand', rows.filter((r) => r.duplicate_of_id != null));

  const actor = (a: DemoActor) => ({
    actor_kind: a.kind,
    actor_account_id: a.kind === 'STAFF' ? account(a.username) : null,
    actor_unit_id: a.kind === 'PARTNER' ? unitId(a.unitKey) : null,
  });
  // ids follow time across the whole timeline table
  const events = demands.flatMap((d) => d.events.map((e) => ({
    demand_id: idOf.get(d.key)!,
    kind: e.kind,
    from_state: e.fromState ?? null,
    to_state: e.toState ?? null,
    body: e.body ?? null,
    public: e.public,
    ...actor(e.actor),
    related_demand_id: e.relatedKey ? idOf.get(e.relatedKey)! : null,
    escalation_level: e.escalationLevel ?? null,
    rating: e.rating ?? null,
    created_at: e.at,
  }))).sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
  await insertRows(em, 'demand_event', events);
  Object.assign(ctx.counts, { demands: rows.length, demandEvents: events.length });
}
