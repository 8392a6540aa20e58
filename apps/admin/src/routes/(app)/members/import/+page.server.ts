import { fail } from '@sveltejs/kit';
import { forwardToApi } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

export const load: PageServerLoad = async () => ({ crumbs: { title: m.mem_import() } });

interface RowError { row: number; column: string; message: string }

/** The largest upload taken here (the site's own request limit applies first). */
const MAX_BYTES = 20 * 1024 * 1024;

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return fail(400, { message: m.imp_pick(), rowErrors: [] as RowError[], fileName: '' });
    if (file.size > MAX_BYTES) return fail(413, { message: m.imp_too_big(), rowErrors: [] as RowError[], fileName: file.name });
    const res = await forwardToApi(event, '/import/members', {
      method: 'POST',
      body: new Uint8Array(await file.arrayBuffer()),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    const answer = (await res.json().catch(() => null)) as { created?: number; error?: { message: string; details?: { errors?: RowError[]; errorCount?: number } } } | null;
    if (res.ok && answer?.created != null) return { created: answer.created, fileName: file.name };
    return fail(res.status >= 400 && res.status < 500 ? res.status : 502, {
      message: answer?.error?.message ?? m.imp_failed(),
      rowErrors: answer?.error?.details?.errors ?? [],
      errorCount: answer?.error?.details?.errorCount ?? 0,
      fileName: file.name,
    });
  },
};
