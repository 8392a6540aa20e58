/**
 * Where the bytes of uploaded files live, behind one interface: a folder under the data directory by default,
 * S3-compatible object storage (AWS S3, MinIO, Aliyun OSS) when MEDIA_S3_BUCKET is set.
 */
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createRequire } from 'node:module';
import type * as S3 from '@aws-sdk/client-s3';
import type * as Presigner from '@aws-sdk/s3-request-presigner';
import type { Config } from '../../config.js';

export interface StoredObject { stream: Readable; size: number | null }

export interface MediaStore {
  /** Which kind, for logs and docs. */
  readonly kind: 'local' | 's3';
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object's bytes as a stream, or null when there is none under the key. */
  get(key: string): Promise<StoredObject | null>;
  delete(key: string): Promise<void>;
  /** A short-lived URL the browser may PUT the object to directly (object storage only). */
  signedUploadUrl?(key: string, contentType: string, seconds: number): Promise<string>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/._-]{0,200}$/;
function checkKey(key: string): string {
  if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`invalid media key: ${key}`);
  return key;
}

/** Files in a folder (MEDIA_DIR, default `.data/media`); written to a temporary name first, then renamed. */
export class LocalStore implements MediaStore {
  readonly kind = 'local' as const;
  constructor(readonly root: string) {}

  private file(key: string): string {
    return path.join(this.root, ...checkKey(key).split('/'));
  }

  async put(key: string, body: Buffer): Promise<void> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, body);
    await rename(tmp, file);
  }

  async get(key: string): Promise<StoredObject | null> {
    const file = this.file(key);
    try {
      const s = await stat(file);
      return { stream: createReadStream(file), size: s.size };
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}

export interface S3Settings {
  endpoint?: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  region: string;
  forcePathStyle: boolean;
}

// Loaded with node's own require, only when object storage is configured (test runners' ESM resolution picks the
// SDK's extension-less ESM build, which node cannot load).
const require = createRequire(import.meta.url);
const s3 = () => require('@aws-sdk/client-s3') as typeof S3;
const presigner = () => require('@aws-sdk/s3-request-presigner') as typeof Presigner;

/** Objects in an S3-compatible bucket through the AWS SDK v3 client (works with MinIO and Aliyun OSS too). */
export class S3Store implements MediaStore {
  readonly kind = 's3' as const;
  readonly client: S3.S3Client;
  constructor(readonly settings: S3Settings) {
    this.client = new (s3().S3Client)({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      // checksums only where the API requires them: MinIO, Aliyun OSS and older servers reject the SDK's default trailers
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      credentials: settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
    });
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(new (s3().PutObjectCommand)({ Bucket: this.settings.bucket, Key: checkKey(key), Body: body, ContentType: contentType, ContentLength: body.length }));
  }

  async get(key: string): Promise<StoredObject | null> {
    try {
      const out = await this.client.send(new (s3().GetObjectCommand)({ Bucket: this.settings.bucket, Key: checkKey(key) }));
      if (!out.Body) return null;
      return { stream: out.Body as Readable, size: out.ContentLength ?? null };
    } catch (error) {
      const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new (s3().DeleteObjectCommand)({ Bucket: this.settings.bucket, Key: checkKey(key) }));
  }

  signedUploadUrl(key: string, contentType: string, seconds: number): Promise<string> {
    return presigner().getSignedUrl(this.client, new (s3().PutObjectCommand)({ Bucket: this.settings.bucket, Key: checkKey(key), ContentType: contentType }), { expiresIn: seconds });
  }
}

/** Read a whole stream (small files: the API caps uploads at MEDIA_MAX_AUDIO_BYTES). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const stores = new WeakMap<Config, MediaStore>();

/** The store the configuration names (one per configuration object). */
export function mediaStore(config: Config): MediaStore {
  let store = stores.get(config);
  if (!store) {
    store = config.MEDIA_S3_BUCKET
      ? new S3Store({
          endpoint: config.MEDIA_S3_ENDPOINT,
          bucket: config.MEDIA_S3_BUCKET,
          accessKeyId: config.MEDIA_S3_ACCESS_KEY,
          secretAccessKey: config.MEDIA_S3_SECRET_KEY,
          region: config.MEDIA_S3_REGION,
          forcePathStyle: config.MEDIA_S3_FORCE_PATH_STYLE,
        })
      : new LocalStore(path.resolve(config.MEDIA_DIR ?? path.join('.data', 'media')));
    stores.set(config, store);
  }
  return store;
}
