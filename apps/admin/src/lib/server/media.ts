import { redirect } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { apiOrigin } from './api';
import { loginUrl } from './session';

/** Largest file the admin server passes on (the API checks its own limits per kind as well). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface Uploaded {
  id: string;
  url: string;
  kind: 'IMAGE' | 'AUDIO';
}

export type UploadResult = { ok: true; media: Uploaded } | { ok: false; message: string };

/**
 * Pass one file of a form on to the API's POST /media with the signed-in user's session. `options` become the
 * route's query (kind, attachTo, visibility). Problems the user can fix come back as a message in the user's language.
 */
export async function uploadFile(
  event: { locals: App.Locals; url: URL },
  file: File,
  options: { kind?: 'IMAGE' | 'AUDIO'; attachTo?: string; visibility?: 'PUBLIC' | 'PRIVATE'; orgNodeId?: string } = {},
): Promise<UploadResult> {
  if (!event.locals.token) redirect(303, loginUrl(event.url));
  if (file.size === 0) return { ok: false, message: m.upl_pick() };
  if (file.size > MAX_UPLOAD_BYTES) return { ok: false, message: m.upl_too_large({ mb: MAX_UPLOAD_BYTES / 1024 / 1024 }) };
  const query = new URLSearchParams({ name: file.name.slice(0, 200) });
  for (const [k, v] of Object.entries(options)) if (v) query.set(k, v);
  let res: Response;
  try {
    res = await fetch(`${apiOrigin()}/media?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${event.locals.token}`, 'content-type': file.type || 'application/octet-stream' },
      body: new Uint8Array(await file.arrayBuffer()),
    });
  } catch {
    return { ok: false, message: m.login_unreachable() };
  }
  const body = (await res.json().catch(() => null)) as (Uploaded & { error?: { code: string; message: string } }) | null;
  if (res.status === 401) redirect(303, loginUrl(event.url));
  if (res.ok && body?.id) return { ok: true, media: { id: body.id, url: body.url, kind: body.kind } };
  const code = body?.error?.code;
  if (code === 'MEDIA_TOO_LARGE') return { ok: false, message: body!.error!.message.replace(/\s*\(.*\)$/, '') };
  if (code === 'MEDIA_TYPE_REFUSED') return { ok: false, message: body!.error!.message };
  if (code === 'NOT_FOUND') return { ok: false, message: m.upl_no_record() };
  return { ok: false, message: body?.error?.message?.replace(/\s*\(.*\)$/, '') ?? m.upl_failed() };
}
