import { fail } from '@sveltejs/kit';
import { failForm, failUserErrors } from '$lib/forms';
import type { AnnouncementAudience } from '$lib/gql/graphql';
import { query } from '$lib/server/api';
import { uploadFile } from '$lib/server/media';
import { AnnouncementBoard, CreateAnnouncement, DeleteAnnouncement } from './queries';
import type { Actions, PageServerLoad } from './$types';

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
    crumbs: { title: '公告' },
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
    if (!values.orgNodeId) fields.orgNodeId = '请选择发布单位';
    if (!values.title) fields.title = '请填写标题';
    if (!(AUDIENCES as readonly string[]).includes(values.audience)) fields.audience = '请选择发给谁';
    const publishAt = values.publishAt ? beijing(values.publishAt) : null;
    if (values.publishAt && !publishAt) fields.publishAt = '请按 年-月-日 时:分 填写';
    const expiresAt = values.expiresAt ? beijing(values.expiresAt) : null;
    if (values.expiresAt && !expiresAt) fields.expiresAt = '请按 年-月-日 时:分 填写';
    const audio = form.get('audio');
    const images = form.getAll('images').filter((f): f is File => f instanceof File && f.size > 0);
    if (images.length > MAX_IMAGES) fields.images = `最多 ${MAX_IMAGES} 张照片`;
    if (Object.keys(fields).length) return failForm(400, values, { fields });

    const mediaIds: string[] = [];
    if (audio instanceof File && audio.size > 0) {
      const up = await uploadFile(event, audio, { kind: 'AUDIO', orgNodeId: values.orgNodeId });
      if (!up.ok) return failForm(400, values, { fields: { audio: up.message } });
      mediaIds.push(up.media.id);
    }
    for (const image of images) {
      const up = await uploadFile(event, image, { kind: 'IMAGE', orgNodeId: values.orgNodeId });
      if (!up.ok) return failForm(400, values, { fields: { images: `${image.name}：${up.message}` } });
      mediaIds.push(up.media.id);
    }
    const { createAnnouncement } = await query(event, CreateAnnouncement, {
      input: { orgNodeId: values.orgNodeId, title: values.title, body: values.body, audience: values.audience as AnnouncementAudience, publishAt, expiresAt, mediaIds },
    });
    if (createAnnouncement.announcement) return { created: createAnnouncement.announcement.title };
    return failUserErrors(createAnnouncement.userErrors, { fields: ['orgNodeId', 'title', 'body', 'audience', 'publishAt', 'expiresAt', 'mediaIds'], fallback: '发布没有成功', values });
  },
  delete: async (event) => {
    const form = await event.request.formData();
    const id = String(form.get('id') ?? '');
    if (form.get('confirm') !== 'yes') return fail(400, { deleteError: '请先勾选“确认删除”', deleteId: id });
    const { deleteAnnouncement } = await query(event, DeleteAnnouncement, { input: { id } });
    if (deleteAnnouncement.announcement) return { deleted: deleteAnnouncement.announcement.title };
    return fail(400, { deleteError: deleteAnnouncement.userErrors[0]?.message ?? '删除没有成功', deleteId: id });
  },
};
