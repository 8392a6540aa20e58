/** Venues (阵地): the places of a community where activities happen. Public to read; changed by its staff. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { byKey } from '../../graphql/loaders.js';
import type { Page } from '../../graphql/relay.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { optionalText, uniquely, validInt, validText } from '../../graphql/validate.js';
import { communityForWrite } from '../org/index.js';
import { VenueEntity } from './activity.entity.js';
import './activity.policy.js';

const field = (name: string) => ['input', name];

function venueLoader(ctx: Context) {
  return ctx.loaders.get<number, VenueEntity | null>('venue.byId', async (ids) =>
    byKey(ids, fromRows(ctx.em, VenueEntity, await sql(ctx.em, `select * from venue where id = any(?::int[])`, [[...ids]])), (v) => v.id));
}

export function loadVenue(ctx: Context, id: number): Promise<VenueEntity | null> {
  return venueLoader(ctx).load(id);
}

/** Hand venues another statement already read (raw venue rows) to this request's venue loader. */
export function primeVenues(ctx: Context, rows: Record<string, unknown>[]): void {
  const loader = venueLoader(ctx);
  for (const venue of fromRows(ctx.em, VenueEntity, rows)) loader.prime(venue.id, venue);
}

/** Venues of a community (public), by name. */
export async function venuesOf(ctx: Context, communityId: number, includeArchived: boolean, page: Page): Promise<{ rows: VenueEntity[]; total: () => Promise<number> }> {
  const where = `community_id = ?${includeArchived ? '' : ' and archived_at is null'}`;
  const rows = await sql(ctx.em, `select * from venue where ${where} order by name, id offset ? limit ?`, [communityId, page.offset, page.limit + 1]);
  return {
    rows: fromRows(ctx.em, VenueEntity, rows),
    total: async () => Number((await sql<{ count: string }>(ctx.em, `select count(*) from venue where ${where}`, [communityId]))[0].count),
  };
}

/** A venue of the community that can take a new activity. */
export async function venueFor(em: EntityManager, venueId: number, communityId: number): Promise<VenueEntity> {
  const venue = await em.findOne(VenueEntity, { id: venueId });
  if (!venue || venue.communityId !== communityId) fail(UserErrorCode.NOT_FOUND, '找不到该场地（须为本社区的阵地）', field('venueId'));
  if (venue.archived) fail(UserErrorCode.ARCHIVED, `${venue.name}已停用，请选择其他场地`, field('venueId'));
  return venue;
}

export async function createVenue(ctx: Context, input: { communityId: number; name: string; address?: string | null; capacity?: number | null }): Promise<VenueEntity> {
  ctx.access.requireStaffNotPartner();
  const name = validText(input.name, 100, field('name'), '场地名称');
  const address = (optionalText(input.address, 200, field('address'), '地址') ?? '');
  const capacity = validInt(input.capacity, 1, 100_000, field('capacity'), '容纳人数');
  return uniquely(() => ctx.em.transactional(async (em) => {
    const community = await communityForWrite(ctx, input.communityId, field('communityId'), { em });
    const venue = em.create(VenueEntity, { communityId: community.id, name, address, capacity } as VenueEntity);
    await em.flush();
    return venue;
  }), '本社区已有同名场地', field('name'));
}

export async function updateVenue(ctx: Context, input: { id: number; name?: string | null; address?: string | null; capacity?: number | null; archived?: boolean | null }): Promise<VenueEntity> {
  ctx.access.requireStaffNotPartner();
  const name = input.name != null ? validText(input.name, 100, field('name'), '场地名称') : undefined;
  const address = input.address != null ? (optionalText(input.address, 200, field('address'), '地址') ?? '') : undefined;
  const capacity = input.capacity !== undefined ? validInt(input.capacity, 1, 100_000, field('capacity'), '容纳人数') : undefined;
  return uniquely(() => ctx.em.transactional(async (em) => {
    const [row] = await sql(em, `select * from venue where id = ? for update`, [input.id]);
    if (!row) fail(UserErrorCode.NOT_FOUND, '找不到该场地', field('id'));
    const venue = em.map(VenueEntity, row);
    await communityForWrite(ctx, venue.communityId, field('id'), { em });
    if (name !== undefined) venue.name = name;
    if (address !== undefined) venue.address = address;
    if (capacity !== undefined) venue.capacity = capacity;
    if (input.archived != null) venue.archivedAt = input.archived ? (venue.archivedAt ?? new Date()) : null;
    await em.flush();
    return venue;
  }), '本社区已有同名场地', field('name'));
}
