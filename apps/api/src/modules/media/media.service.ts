/** Uploading, reading and attaching files. Access is decided in media.policy.ts and the owners' policies. */
import { randomUUID } from 'node:crypto';
import type { Context } from '../../graphql/context.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { fromGlobalId, idOf } from '../../graphql/relay.js';
import { HttpError } from '../../http/registry.js';
import { assertCan, can, readable } from '../access/index.js';
import { loadNode } from '../org/index.js';
import { AttachmentOwnerType, MediaEntity, MediaKind, MediaVisibility, OWNER_GRAPHQL_TYPE } from './media.entity.js';
import { inspect, RefusedContent, type MediaKindName } from './media.content.js';
import { mediaStore } from './media.store.js';
import { ownerRow } from './media.policy.js';
import './media.policy.js';

export function loadMedia(ctx: Context, id: number): Promise<MediaEntity | null> {
  return ctx.loaders
    .get<number, MediaEntity | null>('media.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, MediaEntity, await sql(ctx.em, `select * from media where id = any(?::int[])`, [[...ids]])), (m) => m.id))
    .load(id);
}

export async function findVisibleMedia(ctx: Context, id: number): Promise<MediaEntity | null> {
  return readable(ctx, 'Media', await loadMedia(ctx, id));
}

export interface UploadOptions {
  /** The org node the file belongs to (default: the node of the uploader's first grant). */
  orgNodeId?: number | null;
  visibility?: MediaVisibility;
  /** Accept only this kind. */
  expect?: MediaKindName;
  originalName?: string | null;
}

/**
 * Store an upload: refuse it when too large (413 MEDIA_TOO_LARGE) or not a photo or recording by its content
 * (415 MEDIA_TYPE_REFUSED), re-encode photos without metadata, read the duration of audio, then save the bytes
 * and the row.
 */
export async function uploadMedia(ctx: Context, bytes: Buffer, options: UploadOptions = {}): Promise<MediaEntity> {
  const principal = ctx.access.principal;
  if (principal.kind !== 'staff') throw new HttpError(401, 'UNAUTHENTICATED', '请先登录 (sign in first)');
  const { MEDIA_MAX_BYTES: maxImage, MEDIA_MAX_AUDIO_BYTES: maxAudio } = ctx.config;
  const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (bytes.length === 0) throw new HttpError(400, 'MEDIA_EMPTY', '文件是空的 (the file is empty)');
  if (bytes.length > Math.max(maxImage, maxAudio)) {
    throw new HttpError(413, 'MEDIA_TOO_LARGE', `文件过大：照片最大 ${mb(maxImage)}，录音最大 ${mb(maxAudio)} (file too large)`, { maxImageBytes: maxImage, maxAudioBytes: maxAudio });
  }
  let inspected;
  try {
    inspected = await inspect(bytes, options.expect);
  } catch (error) {
    if (error instanceof RefusedContent) throw new HttpError(415, 'MEDIA_TYPE_REFUSED', error.message);
    throw error;
  }
  if (inspected.kind === 'IMAGE' && bytes.length > maxImage) {
    throw new HttpError(413, 'MEDIA_TOO_LARGE', `照片过大，最大 ${mb(maxImage)} (image too large)`, { maxImageBytes: maxImage });
  }
  const nodeId = options.orgNodeId ?? principal.grants[0]?.nodeId;
  const node = nodeId == null ? null : await loadNode(ctx, nodeId);
  if (!node || !ctx.access.canRead(node.path)) throw new HttpError(404, 'NOT_FOUND', '找不到该组织节点 (no such org node in your scope)');
  const ext = inspected.mime.split('/')[1]!.replace('mpeg', 'mp3');
  const key = `${inspected.kind === 'IMAGE' ? 'img' : 'audio'}/${new Date().toISOString().slice(0, 7)}/${randomUUID()}.${ext}`;
  await mediaStore(ctx.config).put(key, inspected.body, inspected.mime);
  const [row] = await sql(ctx.em,
    `insert into media (community_id, org_node_id, kind, mime, size_bytes, width, height, duration_ms, storage_key, visibility, original_name, created_by)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning *`,
    [node.communityId, node.id, inspected.kind, inspected.mime, inspected.body.length, inspected.width, inspected.height, inspected.durationMs, key,
      options.visibility ?? MediaVisibility.PRIVATE, options.originalName?.slice(0, 200) ?? null, principal.accountId]);
  return fromRows(ctx.em, MediaEntity, [row!])[0]!;
}

const OWNER_BY_TYPE = new Map(Object.entries(OWNER_GRAPHQL_TYPE).map(([k, v]) => [v, k as AttachmentOwnerType]));

/** The owner type and row id of a record's global id, or null for types files cannot be attached to. */
export function ownerOf(globalId: string): { ownerType: AttachmentOwnerType; ownerId: number } | null {
  const decoded = fromGlobalId(globalId);
  const ownerType = decoded && OWNER_BY_TYPE.get(decoded.type);
  return decoded && ownerType ? { ownerType, ownerId: decoded.id } : null;
}

async function ownerForWrite(ctx: Context, ownerGlobalId: string): Promise<{ ownerType: AttachmentOwnerType; ownerId: number }> {
  const owner = ownerOf(ownerGlobalId);
  const row = owner && (await ownerRow(ctx, owner.ownerType, owner.ownerId));
  if (!owner || !row || !(await can(ctx, 'read', OWNER_GRAPHQL_TYPE[owner.ownerType], row))) fail(UserErrorCode.NOT_FOUND, '找不到要附加照片或录音的记录', ['input', 'ownerId']);
  await assertCan(ctx, 'write', OWNER_GRAPHQL_TYPE[owner.ownerType], row);
  return owner;
}

/** Attach a file to a record the caller may change (once; attaching again changes nothing). */
export async function attachMedia(ctx: Context, input: { mediaId: string; ownerId: string }): Promise<MediaEntity> {
  const mediaId = idOf(input.mediaId, 'Media');
  const media = mediaId == null ? null : await findVisibleMedia(ctx, mediaId);
  if (!media) fail(UserErrorCode.NOT_FOUND, '找不到该文件', ['input', 'mediaId']);
  const owner = await ownerForWrite(ctx, input.ownerId);
  const principal = ctx.access.principal;
  await sql(ctx.em, `insert into attachment (media_id, owner_type, owner_id, created_by) values (?, ?, ?, ?) on conflict do nothing`,
    [media.id, owner.ownerType, owner.ownerId, principal.kind === 'staff' ? principal.accountId : null]);
  ctx.loaders.clearAll();
  return media;
}

/** Remove a file from a record the caller may change. */
export async function detachMedia(ctx: Context, input: { mediaId: string; ownerId: string }): Promise<MediaEntity> {
  const mediaId = idOf(input.mediaId, 'Media');
  const media = mediaId == null ? null : await loadMedia(ctx, mediaId);
  const owner = await ownerForWrite(ctx, input.ownerId);
  const removed = media ? await sql(ctx.em, `delete from attachment where media_id = ? and owner_type = ? and owner_id = ? returning id`, [media.id, owner.ownerType, owner.ownerId]) : [];
  if (!media || !removed.length) fail(UserErrorCode.NOT_FOUND, '该记录没有这个文件', ['input', 'mediaId']);
  ctx.loaders.clearAll();
  return media;
}

/** Files attached to records of one type, in the order attached (the caller has already read the record). */
export function attachmentsOf(ctx: Context, ownerType: AttachmentOwnerType, ownerId: number, kind?: MediaKind): Promise<MediaEntity[]> {
  return ctx.loaders
    .get<number, MediaEntity[]>(`media.of.${ownerType}.${kind ?? 'ALL'}`, async (ids) => {
      const rows = await sql<Record<string, unknown> & { owner_id: number }>(ctx.em,
        `select m.*, a.owner_id from attachment a join media m on m.id = a.media_id
         where a.owner_type = ? and a.owner_id = any(?::int[]) ${kind ? `and m.kind = '${kind}'` : ''} order by a.id limit 1000`,
        [ownerType, [...ids]]);
      const media = fromRows(ctx.em, MediaEntity, rows);
      return groupBy(ids, rows.map((r, i) => ({ ownerId: r.owner_id, m: media[i]! })), (x) => x.ownerId).map((list) => list.map((x) => x.m).slice(0, MAX_ATTACHMENTS));
    })
    .load(ownerId);
}

export const MAX_ATTACHMENTS = 20;

/** Remove a file nobody has seen yet (its upload was for a record the caller may not change). */
export async function discardMedia(ctx: Context, m: MediaEntity): Promise<void> {
  await sql(ctx.em, `delete from media where id = ?`, [m.id]);
  await mediaStore(ctx.config).delete(m.storageKey);
}
