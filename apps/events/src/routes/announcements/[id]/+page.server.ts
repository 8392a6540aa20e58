import { error } from '@sveltejs/kit';
import { publicApi } from '$lib/server/api';
import { AnnouncementDetail } from '$lib/announcements';
import type { PageServerLoad } from './$types';

/** One public announcement: text, the recording (红色小广播) and photos. Members' and staff ones are never here. */
export const load: PageServerLoad = async (event) => {
  const { node } = await publicApi(event, AnnouncementDetail, { id: event.params.id }, () => []);
  if (!node || node.__typename !== 'Announcement' || node.audience !== 'PUBLIC') error(404, '公告不存在或已过期');
  return { announcement: node };
};
