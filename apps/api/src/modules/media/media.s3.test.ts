/**
 * The media store against S3-compatible object storage: s3rver (a local S3 server) on a free loopback port.
 * The same requests go to MinIO, Aliyun OSS and AWS S3 (AWS SDK v3, path-style addresses).
 */
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/harness.js';
import { readAll, S3Store } from './media.store.js';
import { toneWav } from './media.content.js';

const require = createRequire(import.meta.url);
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => { run(): Promise<unknown>; close(): Promise<void> };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

let server: { close(): Promise<void> } | undefined;
let dir: string;
let endpoint: string;
const bucket = 'tongxin-media';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tongxin-s3rver-'));
  const port = await freePort();
  const s3rver = new S3rver({ address: '127.0.0.1', port, silent: true, directory: dir, configureBuckets: [{ name: bucket, configs: [] }] });
  await s3rver.run();
  server = s3rver;
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const store = () => new S3Store({ endpoint, bucket, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1', forcePathStyle: true });

describe('S3Store (s3rver on loopback)', () => {
  it('puts, gets and deletes objects; a missing key is null', async () => {
    const s = store();
    await s.put('audio/2026-12/test.wav', toneWav(0.3), 'audio/wav');
    const got = await s.get('audio/2026-12/test.wav');
    expect(got).not.toBeNull();
    expect((await readAll(got!.stream)).equals(toneWav(0.3))).toBe(true);
    await s.delete('audio/2026-12/test.wav');
    expect(await s.get('audio/2026-12/test.wav')).toBeNull();
  });

  it('a short-lived signed URL lets a browser PUT the file straight into the bucket', async () => {
    const s = store();
    const url = await s.signedUploadUrl('img/2026-12/direct.png', 'image/png', 60);
    expect(url).toMatch(/X-Amz-Expires=60/);
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer();
    const put = await fetch(url, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: new Uint8Array(png) });
    expect(put.status).toBe(200);
    expect((await readAll((await s.get('img/2026-12/direct.png'))!.stream)).equals(png)).toBe(true);
  });
});

describe('the API with MEDIA_S3_* settings', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      MEDIA_S3_ENDPOINT: endpoint, MEDIA_S3_BUCKET: bucket, MEDIA_S3_ACCESS_KEY: 'S3RVER', MEDIA_S3_SECRET_KEY: 'S3RVER', MEDIA_S3_REGION: 'us-east-1',
    });
  });
  afterAll(() => api?.close());

  it('stores an upload in the bucket and serves it back without its EXIF', async () => {
    const origin = new URL(api.url).origin;
    const token = await api.login('hongkang-admin');
    const jpeg = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#c00' } }).jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '25/1 2/1 30/1' } }).toBuffer();
    const res = await fetch(`${origin}/media?visibility=PUBLIC`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' }, body: new Uint8Array(jpeg) });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; url: string };
    const [row] = await api.sql<{ storage_key: string }>(`select storage_key from media order by id desc limit 1`);
    const inBucket = await store().get(row!.storage_key);
    expect(inBucket).not.toBeNull();
    const served = await fetch(`${origin}${body.url}`);
    expect(served.status).toBe(200);
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).exif).toBeUndefined();
  });
});
