/**
 * Demo announcements of 红康社区: the weekly 红色小广播 briefings members record for the residents' groups (the
 * latest with a short recording, stored through the media store), a 公示 of results, and a notice for members.
 */
import path from 'node:path';
import { inspect, LocalStore, S3Store, type MediaStore } from '../../modules/media/index.js';
import { toneWav } from '../../modules/media/index.js';
import { sql } from '../sql.js';
import type { Seeder } from './util.js';

const DAY = 86_400_000;

/** The store the API will read from: object storage when configured, else the local folder (MEDIA_DIR). */
function seedStore(env = process.env): MediaStore {
  if (env.MEDIA_S3_BUCKET) {
    return new S3Store({
      endpoint: env.MEDIA_S3_ENDPOINT, bucket: env.MEDIA_S3_BUCKET, accessKeyId: env.MEDIA_S3_ACCESS_KEY, secretAccessKey: env.MEDIA_S3_SECRET_KEY,
      region: env.MEDIA_S3_REGION || 'us-east-1', forcePathStyle: env.MEDIA_S3_FORCE_PATH_STYLE !== 'false' && env.MEDIA_S3_FORCE_PATH_STYLE !== '0',
    });
  }
  return new LocalStore(path.resolve(env.MEDIA_DIR ?? path.join('.data', 'media')));
}

const BRIEFINGS = [
  { title: '红色小广播（第 48 期）：冬季用电安全与电动车充电', body: '各位居民朋友：\n天气转冷，取暖用电增多。请不要在楼道、室内给电动车充电，统一到小区集中充电棚。\n本周六上午网格员和党员志愿者入户检查电器线路，有需要的家庭可以联系网格员预约。', audio: true },
  { title: '红色小广播（第 47 期）：盘龙江河道巡查与垃圾分类', body: '本周党员志愿者完成盘龙江红康段巡查 2 次，清理岸边垃圾 6 袋。\n提醒大家按“四分类”投放生活垃圾，厨余垃圾请沥干水分再投放。', audio: false },
  { title: '红色小广播（第 46 期）：老年人防诈骗提醒', body: '近期有冒充医保、养老服务的诈骗电话。凡是要求转账、提供验证码的，一律挂断，并告诉家人或网格员。\n社区每周三下午在党群服务中心开展防诈骗讲座。', audio: false },
];

export const seedAnnouncements: Seeder = async (ctx) => {
  const [community] = await sql<{ id: number }>(ctx.em, `select id from org_node where name = '红康社区' and level = 'COMMUNITY'`);
  if (!community) return;
  const [author] = await sql<{ id: number }>(ctx.em, `select id from account where username = 'hongkang-admin'`);
  const now = Date.now();
  let made = 0;
  for (const [i, b] of BRIEFINGS.entries()) {
    const publishAt = new Date(now - (i * 7 + 1) * DAY);
    const [row] = await sql<{ id: number }>(ctx.em,
      `insert into announcement (community_id, org_node_id, title, body, audience, publish_at, created_by) values (?, ?, ?, ?, 'PUBLIC', ?, ?) returning id`,
      [community.id, community.id, b.title, b.body, publishAt, author?.id ?? null]);
    made++;
    if (!b.audio) continue;
    // a short generated recording stands in for the members' voice briefing
    const media = await inspect(toneWav(3, 523), 'AUDIO');
    const key = 'demo/hongkang-briefing-48.wav';
    await seedStore().put(key, media.body, media.mime);
    const [m] = await sql<{ id: number }>(ctx.em,
      `insert into media (community_id, org_node_id, kind, mime, size_bytes, duration_ms, storage_key, visibility, original_name, created_by)
       values (?, ?, 'AUDIO', ?, ?, ?, ?, 'PUBLIC', '红色小广播第48期.wav', ?) returning id`,
      [community.id, community.id, media.mime, media.body.length, media.durationMs, key, author?.id ?? null]);
    await sql(ctx.em, `insert into attachment (media_id, owner_type, owner_id, created_by) values (?, 'ANNOUNCEMENT', ?, ?)`, [m!.id, row!.id, author?.id ?? null]);
  }
  await sql(ctx.em,
    `insert into announcement (community_id, org_node_id, title, body, audience, publish_at, expires_at, created_by) values (?, ?, ?, ?, 'PUBLIC', ?, ?, ?)`,
    [community.id, community.id, '公示：红康社区 2026 年“十佳志愿者”评选结果',
      '经居民推荐、网格初审和社区党委审议，拟评选 10 名“十佳志愿者”，现予公示。公示期 7 天，如有意见请到党群服务中心或联系网格员反映。',
      new Date(now - 2 * DAY), new Date(now + 5 * DAY), author?.id ?? null]);
  await sql(ctx.em,
    `insert into announcement (community_id, org_node_id, title, body, audience, publish_at, created_by) values (?, ?, ?, ?, 'MEMBERS', ?, ?)`,
    [community.id, community.id, '支部通知：本月主题党日安排', '各支部请于本月 25 日前完成主题党日活动，并在系统中登记会议记录。', new Date(now - 3 * DAY), author?.id ?? null]);
  ctx.counts.announcements = made + 2;
};
