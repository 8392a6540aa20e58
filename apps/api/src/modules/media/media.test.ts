import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { communityId } from '../activity/activity.fixtures.js';
import { toneWav } from './media.content.js';

let api: TestApi;
let origin: string;
let dir: string;
let admin: string;
let otherAdmin: string;
let hongkang: string;

const MAX_IMAGE = 200_000;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tongxin-media-'));
  api = await startTestApi({ MEDIA_DIR: dir, MEDIA_MAX_BYTES: String(MAX_IMAGE) });
  origin = new URL(api.url).origin;
  admin = await api.login('hongkang-admin');
  otherAdmin = await api.login('hongmian-admin');
  hongkang = await communityId(api, '红康社区');
});
afterAll(async () => {
  await api?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function upload(body: Buffer, token: string | null, query = '') {
  const res = await fetch(`${origin}/media${query ? `?${query}` : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function get(url: string, token?: string | null, headers: Record<string, string> = {}) {
  return fetch(`${origin}${url}`, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
}

/** A JPEG as a phone takes it: EXIF with the GPS position where it was taken. */
async function phoneJpeg(width = 64, height = 48) {
  return sharp({ create: { width, height, channels: 3, background: '#b22222' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Phone', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '25/1 2/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '102/1 42/1 10/1' } })
    .toBuffer();
}

/** Does an EXIF block hold a GPS IFD (tag 0x8825, in either byte order)? */
function hasGpsIfd(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  const le = exif.includes(Buffer.from('II*\0', 'latin1'));
  return exif.includes(Buffer.from(le ? [0x25, 0x88] : [0x88, 0x25]));
}

describe('uploads (POST /media)', () => {
  it('refuses a .jpg name with non-image content, with a typed 415 error', async () => {
    const res = await upload(Buffer.from('这不是照片，只是一段文字 — not a photo at all'), admin, 'name=kerb.jpg&kind=IMAGE');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('MEDIA_TYPE_REFUSED');
    expect(res.body.error.message).toMatch(/照片|录音/);
  });

  it('refuses audio where a photo is asked for, and an image over the limit with 413 MEDIA_TOO_LARGE', async () => {
    const wrongKind = await upload(toneWav(0.5), admin, 'kind=IMAGE');
    expect(wrongKind.status).toBe(415);
    expect(wrongKind.body.error.code).toBe('MEDIA_TYPE_REFUSED');

    // random pixels do not compress: a PNG well over the 200 kB limit of this server
    const noise = Buffer.alloc(400 * 400 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const big = await sharp(noise, { raw: { width: 400, height: 400, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    expect(big.length).toBeGreaterThan(MAX_IMAGE);
    const res = await upload(big, admin);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('MEDIA_TOO_LARGE');
    expect(res.body.error.details.maxImageBytes).toBe(MAX_IMAGE);
  });

  it('needs a signed-in staff account', async () => {
    const res = await upload(await phoneJpeg(), null);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('a public photo has no EXIF (no GPS position) and is served with caching headers', async () => {
    const original = await phoneJpeg(2400, 1200);
    const before = await sharp(original).metadata();
    expect(hasGpsIfd(before.exif)).toBe(true);

    const res = await upload(original, admin, 'visibility=PUBLIC&name=kerb.jpg');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'IMAGE', mime: 'image/jpeg', width: 1600, height: 800 });

    const served = await get(res.body.url, null);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = served.headers.get('etag');
    expect(etag).toMatch(/^"m\d+-\d+"$/);
    const bytes = Buffer.from(await served.arrayBuffer());
    const after = await sharp(bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(hasGpsIfd(after.exif)).toBe(false);
    expect(after.width).toBe(1600);

    const again = await get(res.body.url, null, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
  });

  it('reads the duration of a recording', async () => {
    const res = await upload(toneWav(2.5), admin, 'kind=AUDIO');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'AUDIO', mime: 'audio/wav', durationSeconds: 2.5 });
    const q = await api.gql(`query($id: ID!) { node(id: $id) { ... on Media { kind mime durationSeconds url } } }`, { id: res.body.id }, admin);
    expect(q.data.node).toMatchObject({ kind: 'AUDIO', mime: 'audio/wav', durationSeconds: 2.5 });
  });
});

describe('a demand photo is as private as the demand', () => {
  it('anonymous callers and another community\'s staff get 404; the demand\'s staff get the photo', async () => {
    const [demand] = await api.sql<{ id: number }>(
      `select d.id from demand d join org_node o on o.id = d.org_node_id join org_node c on c.id = o.community_id where c.name = '红康社区' order by d.id limit 1`);
    const demandId = globalId('Demand', demand!.id);
    const res = await upload(await phoneJpeg(), admin, `attachTo=${encodeURIComponent(demandId)}&name=kerb.jpg`);
    expect(res.status).toBe(201);

    const anonymous = await get(res.body.url, null);
    expect(anonymous.status).toBe(404);
    expect((await anonymous.json()).error.code).toBe('NOT_FOUND');
    expect((await get(res.body.url, otherAdmin)).status).toBe(404);

    // another staff member of 红康社区 whose grant covers the demand (not the uploader) sees it through the demand
    const [colleague] = await api.sql<{ username: string }>(
      `select a.username from account a join access_grant g on g.account_id = a.id join org_node n on n.id = g.org_node_id
       where n.name = '红康社区' and n.level = 'COMMUNITY' and a.username <> 'hongkang-admin' order by a.id limit 1`);
    const tokens = [admin, ...(colleague ? [await api.login(colleague.username)] : [])];
    for (const token of tokens) {
      const ok = await get(res.body.url, token);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('image/jpeg');
      expect(ok.headers.get('cache-control')).toBe('private, max-age=300');
    }

    const q = await api.gql(`query($id: ID!) { node(id: $id) { ... on Demand { attachments { id kind url width } } } }`, { id: demandId }, admin);
    expect(q.data.node.attachments).toEqual([expect.objectContaining({ id: res.body.id, kind: 'IMAGE', url: res.body.url })]);
    const other = await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: res.body.id }, otherAdmin);
    expect(other.data.node).toBeNull();
  });

  it('attachMedia and detachMedia answer with userErrors, and refuse records outside the caller\'s scope', async () => {
    const up = await upload(await phoneJpeg(), admin);
    const [foreign] = await api.sql<{ id: number }>(
      `select h.id from hazard h join org_node c on c.id = h.community_id where c.name <> '红康社区' order by h.id limit 1`);
    const ATTACH = `mutation($input: AttachMediaInput!) { attachMedia(input: $input) { media { id } userErrors { code field } } }`;
    const DETACH = `mutation($input: DetachMediaInput!) { detachMedia(input: $input) { media { id } userErrors { code field } } }`;
    if (foreign) {
      const refused = await api.gql(ATTACH, { input: { mediaId: up.body.id, ownerId: globalId('Hazard', foreign.id) } }, admin);
      expect(refused.data.attachMedia.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'ownerId'] }]);
    }
    const [own] = await api.sql<{ id: number }>(`select h.id from hazard h join org_node c on c.id = h.community_id where c.name = '红康社区' order by h.id limit 1`);
    const hazardId = globalId('Hazard', own!.id);
    const stolen = await api.gql(ATTACH, { input: { mediaId: up.body.id, ownerId: hazardId } }, otherAdmin);
    expect(stolen.data.attachMedia.userErrors[0].code).toBe('NOT_FOUND');
    const ok = await api.gql(ATTACH, { input: { mediaId: up.body.id, ownerId: hazardId } }, admin);
    expect(ok.data.attachMedia).toEqual({ media: { id: up.body.id }, userErrors: [] });
    const listed = await api.gql(`query($id: ID!) { node(id: $id) { ... on Hazard { attachments { id } } } }`, { id: hazardId }, admin);
    expect(listed.data.node.attachments.map((m: { id: string }) => m.id)).toContain(up.body.id);
    expect((await api.gql(DETACH, { input: { mediaId: up.body.id, ownerId: hazardId } }, admin)).data.detachMedia.userErrors).toEqual([]);
    expect((await api.gql(DETACH, { input: { mediaId: up.body.id, ownerId: hazardId } }, admin)).data.detachMedia.userErrors[0].code).toBe('NOT_FOUND');
  });
});

describe('announcements (社区公告, 红色小广播)', () => {
  const CREATE = `mutation($input: CreateAnnouncementInput!) { createAnnouncement(input: $input) { announcement { id title audience audio { url durationSeconds } images { url } } userErrors { code field message } } }`;

  it('public ones reach everyone with their recording; members\' and staff ones never reach the public', async () => {
    const audio = await upload(toneWav(1.2), admin, 'kind=AUDIO');
    const made: Record<string, any> = {};
    for (const audience of ['PUBLIC', 'MEMBERS', 'STAFF']) {
      const res = await api.gql(CREATE, { input: { orgNodeId: hongkang, title: `红色小广播 ${audience}`, body: '本周要点', audience, mediaIds: audience === 'STAFF' ? [] : [audio.body.id] } }, admin);
      expect(res.data.createAnnouncement.userErrors).toEqual([]);
      made[audience] = res.data.createAnnouncement.announcement;
    }
    expect(made.PUBLIC.audio).toEqual({ url: audio.body.url, durationSeconds: 1.2 });

    const pub = await api.gql(`query($c: ID!) { publicAnnouncements(communityId: $c, first: 50) { edges { node { id title audio { url } } } } }`, { c: hongkang }, null);
    const ids = pub.data.publicAnnouncements.edges.map((e: any) => e.node.id);
    expect(ids).toContain(made.PUBLIC.id);
    expect(ids).not.toContain(made.MEMBERS.id);
    expect(ids).not.toContain(made.STAFF.id);
    // even a signed-in staff member gets only public ones here
    const staffPub = await api.gql(`query($c: ID!) { publicAnnouncements(communityId: $c, first: 50) { edges { node { id } } } }`, { c: hongkang }, admin);
    expect(staffPub.data.publicAnnouncements.edges.map((e: any) => e.node.id)).not.toContain(made.STAFF.id);

    expect((await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: made.MEMBERS.id }, null)).data.node).toBeNull();
    expect((await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: made.MEMBERS.id }, otherAdmin)).data.node).toBeNull();
    const branch = await api.login('hongkang-branch1');
    expect((await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: made.MEMBERS.id }, branch)).data.node).toEqual({ id: made.MEMBERS.id });

    // the recording is public through the public announcement
    const played = await get(audio.body.url, null);
    expect(played.status).toBe(200);
    expect(played.headers.get('content-type')).toBe('audio/wav');
  });

  it('a members-only recording is not served to the public', async () => {
    const audio = await upload(toneWav(0.8), admin, 'kind=AUDIO');
    const res = await api.gql(CREATE, { input: { orgNodeId: hongkang, title: '支部内部通知', audience: 'MEMBERS', mediaIds: [audio.body.id] } }, admin);
    expect(res.data.createAnnouncement.userErrors).toEqual([]);
    expect((await get(audio.body.url, null)).status).toBe(404);
    expect((await get(audio.body.url, await api.login('hongkang-branch1'))).status).toBe(200);
  });

  it('checks its input', async () => {
    const empty = await api.gql(CREATE, { input: { orgNodeId: hongkang, title: '  ', audience: 'PUBLIC' } }, admin);
    expect(empty.data.createAnnouncement.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'title'] });
    const backwards = await api.gql(CREATE, { input: { orgNodeId: hongkang, title: '通知', audience: 'PUBLIC', publishAt: '2026-12-10T00:00:00Z', expiresAt: '2026-12-01T00:00:00Z' } }, admin);
    expect(backwards.data.createAnnouncement.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'expiresAt'] });
    const foreign = await api.gql(CREATE, { input: { orgNodeId: hongkang, title: '通知', audience: 'PUBLIC' } }, otherAdmin);
    // outside the caller's scope: refused, like every write the access policy does not allow
    expect(foreign.data?.createAnnouncement ?? null).toBeNull();
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
