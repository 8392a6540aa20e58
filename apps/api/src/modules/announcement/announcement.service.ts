/** Announcements: reads through the policy, writes by committee admins and secretaries over the author node. */
import type { Context } from '../../graphql/context.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { byKey } from '../../graphql/loaders.js';
import { fail, forbidden, UserErrorCode } from '../../graphql/errors.js';
import { idOf, type Page } from '../../graphql/relay.js';
import { assertCan, condition, readable } from '../access/index.js';
import { findVisibleNode, ORG_TYPE_NAMES } from '../org/index.js';
import { AnnouncementAudience, AnnouncementEntity, LIVE_SQL } from './announcement.entity.js';
import type { AnnouncementFilter, CreateAnnouncementInput, UpdateAnnouncementInput } from './announcement.types.js';
import './announcement.policy.js';

export const MAX_MEDIA = 20;

export function loadAnnouncement(ctx: Context, id: number): Promise<AnnouncementEntity | null> {
  return ctx.loaders
    .get<number, AnnouncementEntity | null>('announcement.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, AnnouncementEntity, await sql(ctx.em, `select * from announcement where id = any(?::int[])`, [[...ids]])), (a) => a.id))
    .load(id);
}

export async function findVisibleAnnouncement(ctx: Context, id: number) {
  return readable(ctx, 'Announcement', await loadAnnouncement(ctx, id));
}

async function where(ctx: Context, f: AnnouncementFilter | null | undefined) {
  const c = condition(ctx, 'read', 'Announcement', 'an0');
  if (c.sql === 'false') return null;
  const parts = [c.sql];
  const params = [...c.params];
  if (f?.orgNodeId) {
    const id = idOf(f.orgNodeId, ...ORG_TYPE_NAMES);
    const node = id == null ? null : await findVisibleNode(ctx, id);
    if (!node) return null;
    parts.push(`exists (select 1 from org_node n where n.id = an0.org_node_id and n.path >= ? and starts_with(n.path, ?))`);
    params.push(node.path, node.path);
  }
  if (f?.audience) {
    parts.push('an0.audience = ?');
    params.push(f.audience);
  }
  if (f?.liveOnly) parts.push(LIVE_SQL('an0'));
  return { sql: parts.join(' and '), params };
}

export async function listAnnouncements(ctx: Context, f: AnnouncementFilter | null | undefined, page: Page) {
  const w = await where(ctx, f);
  if (!w) return [];
  return fromRows(ctx.em, AnnouncementEntity, await sql(ctx.em, `select an0.* from announcement an0 where ${w.sql} order by an0.publish_at desc, an0.id desc limit ? offset ?`, [...w.params, page.limit + 1, page.offset]));
}

export async function countAnnouncements(ctx: Context, f: AnnouncementFilter | null | undefined) {
  const w = await where(ctx, f);
  if (!w) return 0;
  return Number((await sql<{ count: string }>(ctx.em, `select count(*) from announcement an0 where ${w.sql}`, w.params))[0]!.count);
}

/** The public announcements shown now of one community (the events site's 社区公告), whoever asks. */
export async function publicAnnouncements(ctx: Context, communityGlobalId: string, page: Page) {
  const id = idOf(communityGlobalId, ...ORG_TYPE_NAMES);
  if (id == null) return { rows: [], total: 0 };
  const base = `from announcement an0 where an0.community_id = ? and an0.audience = 'PUBLIC' and ${LIVE_SQL('an0')}`;
  const rows = fromRows(ctx.em, AnnouncementEntity, await sql(ctx.em, `select an0.* ${base} order by an0.publish_at desc, an0.id desc limit ? offset ?`, [id, page.limit + 1, page.offset]));
  return { rows, total: async () => Number((await sql<{ count: string }>(ctx.em, `select count(*) ${base}`, [id]))[0]!.count) };
}

function text(value: string | null | undefined, max: number, field: string, label: string, required = false): string {
  const v = (value ?? '').trim();
  if (required && !v) fail(UserErrorCode.INVALID_INPUT, `请填写${label}`, ['input', field]);
  if (v.length > max) fail(UserErrorCode.INVALID_INPUT, `${label}最多 ${max} 个字`, ['input', field]);
  if (v.includes('\u0000')) fail(UserErrorCode.INVALID_INPUT, `${label}含有无效字符`, ['input', field]);
  return v;
}

function checkTimes(publishAt: Date, expiresAt: Date | null) {
  if (Number.isNaN(publishAt.getTime())) fail(UserErrorCode.INVALID_INPUT, '发布时间无效', ['input', 'publishAt']);
  if (expiresAt && expiresAt.getTime() <= publishAt.getTime()) fail(UserErrorCode.INVALID_INPUT, '截止时间应晚于发布时间', ['input', 'expiresAt']);
}

export async function createAnnouncement(ctx: Context, input: CreateAnnouncementInput): Promise<AnnouncementEntity> {
  const nodeId = idOf(input.orgNodeId, ...ORG_TYPE_NAMES);
  const node = nodeId == null ? null : await findVisibleNode(ctx, nodeId);
  if (!node) fail(UserErrorCode.NOT_FOUND, '找不到发布单位', ['input', 'orgNodeId']);
  if (!ctx.access.canWrite(node.path)) throw forbidden('您不能以该组织的名义发布公告');
  const title = text(input.title, 100, 'title', '标题', true);
  const body = text(input.body, 5000, 'body', '正文');
  const publishAt = input.publishAt ?? new Date();
  const expiresAt = input.expiresAt ?? null;
  checkTimes(publishAt, expiresAt);
  const mediaIds = (input.mediaIds ?? []).map((g) => idOf(g, 'Media'));
  if (mediaIds.length > MAX_MEDIA) fail(UserErrorCode.INVALID_INPUT, `最多附加 ${MAX_MEDIA} 个文件`, ['input', 'mediaIds']);
  const principal = ctx.access.principal;
  const accountId = principal.kind === 'staff' ? principal.accountId : null;
  // files must be ones the caller uploaded or may read
  const mediaReadable = condition(ctx, 'read', 'Media', 'm');
  const known = mediaIds.length
    ? await sql<{ id: number }>(ctx.em, `select m.id from media m where m.id = any(?::int[]) and ${mediaReadable.sql}`, [mediaIds.filter((x): x is number => x != null), ...mediaReadable.params])
    : [];
  if (mediaIds.some((id) => id == null || !known.some((k) => k.id === id))) fail(UserErrorCode.NOT_FOUND, '找不到要附加的文件', ['input', 'mediaIds']);
  const id = await ctx.em.transactional(async (em) => {
    const [row] = await sql<{ id: number }>(em,
      `insert into announcement (community_id, org_node_id, title, body, audience, publish_at, expires_at, created_by) values (?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [node.communityId, node.id, title, body, input.audience, publishAt, expiresAt, accountId]);
    for (const mediaId of mediaIds) {
      await sql(em, `insert into attachment (media_id, owner_type, owner_id, created_by) values (?, 'ANNOUNCEMENT', ?, ?) on conflict do nothing`, [mediaId, row!.id, accountId]);
    }
    return row!.id;
  });
  ctx.loaders.clearAll();
  return (await loadAnnouncement(ctx, id))!;
}

async function forWrite(ctx: Context, globalId: string): Promise<AnnouncementEntity> {
  const id = idOf(globalId, 'Announcement');
  const a = id == null ? null : await findVisibleAnnouncement(ctx, id);
  if (!a) fail(UserErrorCode.NOT_FOUND, '找不到该公告', ['input', 'id']);
  await assertCan(ctx, 'write', 'Announcement', a);
  return a;
}

export async function updateAnnouncement(ctx: Context, input: UpdateAnnouncementInput): Promise<AnnouncementEntity> {
  const a = await forWrite(ctx, input.id);
  const title = input.title != null ? text(input.title, 100, 'title', '标题', true) : a.title;
  const body = input.body != null ? text(input.body, 5000, 'body', '正文') : a.body;
  const audience = input.audience ?? a.audience;
  const publishAt = input.publishAt ?? a.publishAt;
  const expiresAt = input.expiresAt !== undefined ? input.expiresAt : a.expiresAt;
  checkTimes(publishAt, expiresAt);
  await sql(ctx.em, `update announcement set title = ?, body = ?, audience = ?, publish_at = ?, expires_at = ?, updated_at = now() where id = ?`,
    [title, body, audience, publishAt, expiresAt, a.id]);
  ctx.loaders.clearAll();
  return (await loadAnnouncement(ctx, a.id))!;
}

export async function deleteAnnouncement(ctx: Context, globalId: string): Promise<AnnouncementEntity> {
  const a = await forWrite(ctx, globalId);
  await ctx.em.transactional(async (em) => {
    await sql(em, `delete from attachment where owner_type = 'ANNOUNCEMENT' and owner_id = ?`, [a.id]);
    await sql(em, `delete from announcement where id = ?`, [a.id]);
  });
  ctx.loaders.clearAll();
  return a;
}

export { AnnouncementAudience };
