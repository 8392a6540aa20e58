import { fail } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import type { AnnouncementAudience } from '$lib/gql/graphql';
import { query } from '$lib/server/api';
import { uploadFile } from '$lib/server/media';
import { AnnouncementBoard, CreateAnnouncement, DeleteAnnouncement } from './queries';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

const WRITERS = new Set(['COMMITTEE_ADMIN', 'BRANCH_SECRETARY']);
const AUDIENCES = ['PUBLIC', 'MEMBERS', 'STAFF'] as const;
const PAGE_SIZE = 20;
const MAX_IMAGES = 6;

export const load: PageServerLoad = async (event) => {
  const { viewer } = await event.parent();
  const after = event.url.searchParams.get('after') || null;
  const { announcements } = await query(event, AnnouncementBoard, { filter: null, first: PAGE_SIZE, after });
  const nodes = (viewer?.grants ?? [])
    .filter((g) => WRITERS.has(g.role) && (g.node.level === 'COMMUNITY' || g.node.level === 'BRANCH'))
    .map((g) => ({ id: g.node.id, name: g.node.name }));
  return {
    announcements: announcements.edges.map((e) => e.node),
    totalCount: announcements.totalCount,
    nextCursor: announcements.pageInfo.hasNextPage ? announcements.pageInfo.endCursor : null,
    nodes: [...new Map(nodes.map((n) => [n.id, n])).values()],
    crumbs: { title: m.an_title() },
  };
};

/** `2026-12-03T09:30` typed in Beijing time → ISO instant. */
function beijing(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const d = new Date(`${value}:00+08:00`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export const actions: Actions = {
  create: async (event) => {
    const form = await event.request.formData();
    const text = (n: string) => String(form.get(n) ?? '').trim();
    const values = { orgNodeId: text('orgNodeId'), title: text('title'), body: text('body'), audience: text('audience'), publishAt: text('publishAt'), expiresAt: text('expiresAt') };
    const fields: Record<string, string> = {};
    if (!values.orgNodeId) fields.orgNodeId = m.an_v_node();
    if (!values.title) fields.title = m.an_v_title();
    if (!(AUDIENCES as readonly string[]).includes(values.audience)) fields.audience = m.an_v_audience();
    const publishAt = values.publishAt ? beijing(values.publishAt) : null;
    if (values.publishAt && !publishAt) fields.publishAt = m.an_v_time();
    const expiresAt = values.expiresAt ? beijing(values.expiresAt) : null;
    if (values.expiresAt && !expiresAt) fields.expiresAt = m.an_v_time();
    const audio = form.get('audio');
    const images = form.getAll('images').filter((f): f is File => f instanceof File && f.size > 0);
    if (images.length > MAX_IMAGES) fields.images = m.an_v_images({ max: MAX_IMAGES });
    if (Object.keys(fields).length) return failForm(400, values, { fields });

    const mediaIds: string[] = [];
    if (audio instanceof File && audio.size > 0) {
      const up = await uploadFile(event, audio, { kind: 'AUDIO', orgNodeId: values.orgNodeId });
      if (!up.ok) return failForm(400, values, { fields: { audio: up.message } });
      mediaIds.push(up.media.id);
    }
    for (const image of images) {
      const up = await uploadFile(event, image, { kind: 'IMAGE', orgNodeId: values.orgNodeId });
      if (!up.ok) return failForm(400, values, { fields: { images: m.an_upload_failed({ name: image.name, message: up.message }) } });
      mediaIds.push(up.media.id);
    }
    const { createAnnouncement } = await query(event, CreateAnnouncement, {
      input: { orgNodeId: values.orgNodeId, title: values.title, body: values.body, audience: values.audience as AnnouncementAudience, publishAt, expiresAt, mediaIds },
    });
    if (createAnnouncement.announcement) return { created: createAnnouncement.announcement.title };
    return failUserErrors(createAnnouncement.userErrors, { fields: ['orgNodeId', 'title', 'body', 'audience', 'publishAt', 'expiresAt', 'mediaIds'], fallback: m.an_publish_failed(), values });
  },
  delete: async (event) => {
    const form = await event.request.formData();
    const id = String(form.get('id') ?? '');
    if (form.get('confirm') !== 'yes') return fail(400, { deleteError: m.an_v_confirm_delete(), deleteId: id });
    const { deleteAnnouncement } = await query(event, DeleteAnnouncement, { input: { id } });
    if (deleteAnnouncement.announcement) return { deleted: deleteAnnouncement.announcement.title };
    return fail(400, { deleteError: deleteAnnouncement.userErrors[0]?.message ?? m.an_delete_failed(), deleteId: id });
  },
};
