import { error } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { AnnouncementCommunities, AnnouncementList, xml } from '$lib/announcements';
import type { RequestHandler } from './$types';

/** Atom feed of a community's public announcements: /announcements/feed.xml?community=<id>. */
export const GET: RequestHandler = async (event) => {
  const { publicCommunities } = await api(event, AnnouncementCommunities, {});
  const wanted = event.url.searchParams.get('community');
  const community = publicCommunities.find((c) => c.id === wanted) ?? (wanted ? null : publicCommunities[0]);
  if (!community) error(404, '没有这个社区');
  const data = await api(event, AnnouncementList, { communityId: community.id, first: 50, after: null });
  const origin = event.url.origin;
  const self = `${origin}/announcements/feed.xml?community=${encodeURIComponent(community.id)}`;
  const items = data.publicAnnouncements.edges.map((e) => e.node);
  const updated = items.reduce((max, a) => (a.updatedAt > max ? a.updatedAt : max), items[0]?.updatedAt ?? new Date(0).toISOString());
  const entries = items.map((a) => {
    const link = `${origin}/announcements/${encodeURIComponent(a.id)}`;
    const audio = a.audio ? `\n    <link rel="enclosure" type="${xml(a.audio.mime)}" href="${xml(new URL(a.audio.url, origin).href)}"/>` : '';
    return `  <entry>
    <id>${xml(link)}</id>
    <title>${xml(a.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(link)}"/>${audio}
    <published>${new Date(a.publishAt).toISOString()}</published>
    <updated>${new Date(a.updatedAt).toISOString()}</updated>
    <author><name>${xml(a.authorName)}</name></author>
    <content type="text">${xml(a.body)}</content>
  </entry>`;
  });
  const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${xml(self)}</id>
  <title>${xml(`${community.name}公告`)}</title>
  <link rel="self" type="application/atom+xml" href="${xml(self)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${origin}/announcements?community=${encodeURIComponent(community.id)}`)}"/>
  <updated>${new Date(updated).toISOString()}</updated>
${entries.join('\n')}
</feed>
`;
  return new Response(body, { headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300' } });
};
