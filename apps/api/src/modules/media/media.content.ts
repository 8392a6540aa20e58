/**
 * What an uploaded file really is, read from its bytes (never from its name or the declared type), and the form
 * it is stored in: images re-encoded upright, at most 1600 px on the long side, with no metadata at all (so no
 * EXIF GPS position of the phone that took them); audio kept as sent, with its duration read.
 */
import { fileTypeFromBuffer } from 'file-type';
import { parseBuffer } from 'music-metadata';
import sharp from 'sharp';

export const MAX_IMAGE_SIDE = 1600;

export type MediaKindName = 'IMAGE' | 'AUDIO';

export interface Inspected {
  kind: MediaKindName;
  mime: string;
  /** The bytes to store (images re-encoded without metadata). */
  body: Buffer;
  width: number | null;
  height: number | null;
  durationMs: number | null;
}

/** Why a file was refused: the route answers 415 MEDIA_TYPE_REFUSED with this message. */
export class RefusedContent extends Error {}

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic', 'image/avif', 'image/tiff']);
/** Audio as detected; MediaRecorder's WebM and phone M4A come out as video/* containers and are checked for audio. */
const AUDIO_TYPES = new Map<string, string>([
  ['audio/mpeg', 'audio/mpeg'],
  ['audio/wav', 'audio/wav'],
  ['audio/x-wav', 'audio/wav'],
  ['audio/vnd.wave', 'audio/wav'],
  ['audio/ogg', 'audio/ogg'],
  ['audio/opus', 'audio/ogg'],
  ['audio/webm', 'audio/webm'],
  ['video/webm', 'audio/webm'],
  ['audio/mp4', 'audio/mp4'],
  ['audio/x-m4a', 'audio/mp4'],
  ['audio/m4a', 'audio/mp4'],
  ['video/mp4', 'audio/mp4'],
  ['audio/aac', 'audio/aac'],
]);

/** Detect, check and prepare an upload. `expect` narrows what is accepted (an image field takes no audio). */
export async function inspect(bytes: Buffer, expect?: MediaKindName): Promise<Inspected> {
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected) throw new RefusedContent('无法识别的文件内容：只接受照片（JPEG、PNG、WebP）或录音（MP3、M4A、OGG、WebM、WAV）');
  if (IMAGE_TYPES.has(detected.mime)) {
    if (expect === 'AUDIO') throw new RefusedContent('这里需要录音文件，收到的是图片');
    return prepareImage(bytes);
  }
  const audioMime = AUDIO_TYPES.get(detected.mime);
  if (audioMime) {
    if (expect === 'IMAGE') throw new RefusedContent('这里需要照片，收到的是音频');
    return prepareAudio(bytes, audioMime);
  }
  throw new RefusedContent(`不接受的文件类型（${detected.mime}）：只接受照片或录音`);
}

async function prepareImage(bytes: Buffer): Promise<Inspected> {
  let meta;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    throw new RefusedContent('图片文件已损坏或无法读取');
  }
  const keepAlpha = meta.hasAlpha === true && meta.format !== 'jpeg';
  // rotate() applies the EXIF orientation; without withMetadata() the output carries no EXIF, XMP or IPTC
  const pipeline = sharp(bytes, { failOn: 'error' })
    .rotate()
    .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true });
  let out: { data: Buffer; info: sharp.OutputInfo };
  try {
    out = keepAlpha
      ? await pipeline.webp({ quality: 82 }).toBuffer({ resolveWithObject: true })
      : await pipeline.jpeg({ quality: 82, mozjpeg: true }).toBuffer({ resolveWithObject: true });
  } catch {
    throw new RefusedContent('图片文件已损坏或无法读取');
  }
  return { kind: 'IMAGE', mime: keepAlpha ? 'image/webp' : 'image/jpeg', body: out.data, width: out.info.width, height: out.info.height, durationMs: null };
}

async function prepareAudio(bytes: Buffer, mime: string): Promise<Inspected> {
  let durationMs: number | null = null;
  try {
    const meta = await parseBuffer(bytes, { mimeType: mime }, { duration: true, skipCovers: true });
    if (meta.format.trackInfo?.length && !meta.format.trackInfo.some((t) => t.audio) && meta.format.trackInfo.some((t) => t.video)) {
      throw new RefusedContent('这是视频文件，请上传录音');
    }
    if (meta.format.duration != null && Number.isFinite(meta.format.duration)) durationMs = Math.round(meta.format.duration * 1000);
  } catch (error) {
    if (error instanceof RefusedContent) throw error;
    throw new RefusedContent('录音文件已损坏或无法读取');
  }
  return { kind: 'AUDIO', mime, body: bytes, width: null, height: null, durationMs };
}

/** A short WAV tone (16-bit mono PCM), for the demo seed and tests. */
export function toneWav(seconds = 1, hz = 440, rate = 8000): Buffer {
  const samples = Math.round(seconds * rate);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 8000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
