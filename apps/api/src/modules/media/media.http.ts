/**
 * The file routes beside GraphQL:
 *   POST /media            upload one photo or recording as the raw body (any Content-Type; the content decides),
 *                          signed-in staff; `?orgNodeId=&visibility=PUBLIC|PRIVATE&kind=IMAGE|AUDIO&attachTo=<id>&name=`
 *                          → 201 `{ id, url, kind, mime, width, height, durationSeconds }`, or a JSON error:
 *                          413 MEDIA_TOO_LARGE, 415 MEDIA_TYPE_REFUSED, 400 MEDIA_EMPTY / BAD_REQUEST, 404 NOT_FOUND
 *   GET  /media/:id        the bytes, for whoever may read the file (else 404, the same as a missing file);
 *                          public files with `Cache-Control: public, max-age=31536000, immutable` and an ETag.
 */
import type { Request, Response } from 'express';
import { HttpError, registerHttpRoute } from '../../http/registry.js';
import { fromGlobalId, idOf } from '../../graphql/relay.js';
import { UserFacingError } from '../../graphql/errors.js';
import { MediaVisibility } from './media.entity.js';
import { durationSeconds, mediaUrl } from './media.types.js';
import { GraphQLError } from 'graphql';
import { attachMedia, discardMedia, findVisibleMedia, uploadMedia } from './media.service.js';
import { mediaStore } from './media.store.js';

const envBytes = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
/** What the body parser lets through; the configured limits per kind are checked after it (MEDIA_TOO_LARGE as well). */
const PARSER_LIMIT = Math.max(envBytes('MEDIA_MAX_BYTES', 10 * 1024 * 1024), envBytes('MEDIA_MAX_AUDIO_BYTES', 20 * 1024 * 1024)) + 1024;

const one = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

registerHttpRoute({
  method: 'POST',
  path: '/media',
  auth: 'staff',
  rawBody: true,
  bodyLimit: PARSER_LIMIT,
  tooLarge: { code: 'MEDIA_TOO_LARGE', message: '文件过大 (file too large)' },
  async handler(ctx, req: Request, res: Response) {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const q = req.query as Record<string, unknown>;
    const visibility = one(q.visibility) ?? 'PRIVATE';
    if (!(visibility in MediaVisibility)) throw new HttpError(400, 'BAD_REQUEST', 'visibility 只能是 PUBLIC 或 PRIVATE');
    const kind = one(q.kind);
    if (kind && kind !== 'IMAGE' && kind !== 'AUDIO') throw new HttpError(400, 'BAD_REQUEST', 'kind 只能是 IMAGE 或 AUDIO');
    const nodeParam = one(q.orgNodeId);
    const orgNodeId = nodeParam ? (fromGlobalId(nodeParam)?.id ?? (/^\d+$/.test(nodeParam) ? Number(nodeParam) : null)) : null;
    if (nodeParam && orgNodeId == null) throw new HttpError(404, 'NOT_FOUND', '找不到该组织节点');
    const attachTo = one(q.attachTo);
    const m = await uploadMedia(ctx, body, { orgNodeId, visibility: visibility as MediaVisibility, expect: kind as 'IMAGE' | 'AUDIO' | undefined, originalName: one(q.name) ?? null });
    if (attachTo) {
      try {
        await attachMedia(ctx, { mediaId: m.globalId, ownerId: attachTo });
      } catch (error) {
        // the file was for that record only: do not keep it
        await discardMedia(ctx, m);
        if (error instanceof UserFacingError) throw new HttpError(404, 'NOT_FOUND', error.message);
        if (error instanceof GraphQLError && error.extensions.code === 'FORBIDDEN') throw new HttpError(403, 'FORBIDDEN', '您不能为这条记录添加文件 (you may not change this record)');
        throw error;
      }
    }
    res.status(201).setHeader('cache-control', 'no-store').json({
      id: m.globalId, url: mediaUrl(m), kind: m.kind, mime: m.mime, sizeBytes: m.sizeBytes, width: m.width, height: m.height, durationSeconds: durationSeconds(m),
    });
  },
});

registerHttpRoute({
  method: 'GET',
  path: '/media/:id',
  auth: 'public',
  async handler(ctx, req: Request, res: Response) {
    const raw = String(req.params.id ?? '');
    const id = /^\d{1,10}$/.test(raw) ? Number(raw) : idOf(raw, 'Media');
    const m = id == null ? null : await findVisibleMedia(ctx, id);
    if (!m) throw new HttpError(404, 'NOT_FOUND', '没有这个文件，或无权查看 (no such file, or not yours to see)');
    const etag = `"m${m.id}-${m.sizeBytes}"`;
    const isPublic = m.visibility === MediaVisibility.PUBLIC;
    const anonymous = ctx.access.principal.kind === 'anonymous';
    // public files never change under their id; a file shown through a public record may stop being public
    res.setHeader('cache-control', isPublic ? 'public, max-age=31536000, immutable' : anonymous ? 'public, max-age=300' : 'private, max-age=300');
    res.setHeader('etag', etag);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-disposition', 'inline');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    const stored = await mediaStore(ctx.config).get(m.storageKey);
    if (!stored) throw new HttpError(404, 'NOT_FOUND', '文件已不在存储中 (the file is missing from storage)');
    res.status(200).setHeader('content-type', m.mime);
    res.setHeader('content-length', String(stored.size ?? m.sizeBytes));
    stored.stream.on('error', () => res.destroy());
    stored.stream.pipe(res);
  },
});
