/**
 * Access policy of uploaded files. A file may be read when it is PUBLIC, by the account that uploaded it, and by
 * whoever may read a record it is attached to: the rule delegates to the owner type's own read rule in the
 * policy registry (a demand's photo is exactly as private as the demand). Its uploader and staff who may change
 * records of its node change it.
 */
import type { Context } from '../../graphql/context.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import { anyOf, can, condition, definePolicy, NEVER, or, policyOf, rule, WRITE_ROLES, type Condition } from '../access/index.js';
import { underNode } from '../org/index.js';
import { AttachmentEntity, AttachmentOwnerType, MediaEntity, MediaVisibility, OWNER_GRAPHQL_TYPE } from './media.entity.js';

/** The attachments of files, batched. */
export function attachmentsOfMedia(ctx: Context, mediaId: number): Promise<AttachmentEntity[]> {
  return ctx.loaders
    .get<number, AttachmentEntity[]>('media.attachments', async (ids) =>
      groupBy(ids, fromRows(ctx.em, AttachmentEntity, await sql(ctx.em, `select * from attachment where media_id = any(?::int[]) order by id`, [[...ids]])), (a) => a.mediaId))
    .load(mediaId);
}

/** The owner record of an attachment (any state; its read rule decides), batched per type. */
export function ownerRow(ctx: Context, ownerType: AttachmentOwnerType, ownerId: number): Promise<object | null> {
  const policy = policyOf(OWNER_GRAPHQL_TYPE[ownerType]);
  if (!policy) return Promise.resolve(null);
  return ctx.loaders
    .get<number, object | null>(`media.owner.${ownerType}`, async (ids) =>
      byKey(ids, fromRows(ctx.em, policy.entity as never, await sql(ctx.em, `select * from ${policy.table} where id = any(?::int[])`, [[...ids]])) as { id: number }[], (r) => r.id))
    .load(ownerId);
}

async function attachedToReadable(ctx: Context, m: MediaEntity): Promise<boolean> {
  for (const a of await attachmentsOfMedia(ctx, m.id)) {
    const row = await ownerRow(ctx, a.ownerType, a.ownerId);
    if (row && (await can(ctx, 'read', OWNER_GRAPHQL_TYPE[a.ownerType], row))) return true;
  }
  return false;
}

function attachedToReadableSql(ctx: Context, t: string): Condition {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const ownerType of Object.values(AttachmentOwnerType)) {
    const type = OWNER_GRAPHQL_TYPE[ownerType];
    const policy = policyOf(type);
    if (!policy) continue;
    const alias = `ow_${ownerType.toLowerCase()}`;
    const c = condition(ctx, 'read', type, alias);
    if (c.sql === 'false') continue;
    parts.push(`(a_m.owner_type = '${ownerType}' and exists (select 1 from ${policy.table} ${alias} where ${alias}.id = a_m.owner_id and ${c.sql}))`);
    params.push(...c.params);
  }
  if (!parts.length) return NEVER;
  return { sql: `exists (select 1 from attachment a_m where a_m.media_id = ${t}.id and (${parts.join(' or ')}))`, params };
}

const uploader = rule<MediaEntity>(
  (ctx, m) => ctx.access.principal.kind === 'staff' && m.createdBy === ctx.access.principal.accountId,
  (ctx, t) => (ctx.access.principal.kind === 'staff' ? { sql: `${t}.created_by = ?`, params: [ctx.access.principal.accountId] } : NEVER),
);

definePolicy<MediaEntity>({
  type: 'Media',
  table: 'media',
  entity: MediaEntity,
  read: anyOf(
    rule((_ctx, m) => m.visibility === MediaVisibility.PUBLIC, (_ctx, t) => ({ sql: `${t}.visibility = 'PUBLIC'`, params: [] })),
    uploader,
    rule((ctx, m) => attachedToReadable(ctx, m), (ctx, t) => or(attachedToReadableSql(ctx, t))),
  ),
  write: anyOf(uploader, underNode((_ctx, m) => m.orgNodeId, (t) => `${t}.org_node_id`, WRITE_ROLES)),
});
