import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal data at rest (phones, ID numbers, care categories and their notes): sealed with AES-256-GCM under a key
 * from the environment (DATA_KEY, 32 bytes in base64). Exact lookups (by phone, by ID number) go through a keyed
 * hash column, so the clear value is never stored and never sent to the database in a WHERE clause.
 *
 * Layout of a sealed value: version byte (1) | 12-byte nonce | ciphertext | 16-byte tag.
 */
const VERSION = 1;

interface Keys {
  seal: Buffer;
  lookup: Buffer;
}

let keys: Keys | null = null;

/** Parse DATA_KEY: 32 bytes as base64 (44 characters) or hex (64). Returns null when it is not one. */
export function parseDataKey(raw: string): Buffer | null {
  const text = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(text)) {
    const buf = Buffer.from(text, 'base64');
    return buf.length === 32 ? buf : null;
  }
  return null;
}

/** A fresh random key, as DATA_KEY expects it. */
export function generateDataKey(): string {
  return randomBytes(32).toString('base64');
}

/** Install the data key for this process (the server does it at start; seeds and tests through the same call). */
export function configureDataKey(raw: string): void {
  const master = parseDataKey(raw);
  if (!master) throw new Error('DATA_KEY must be 32 bytes, base64 (44 characters) or hex (64 characters)');
  // separate keys for sealing and for lookup hashes, so neither use weakens the other
  keys = {
    seal: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'tongxin/seal/v1', 32)),
    lookup: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'tongxin/lookup/v1', 32)),
  };
}

export function dataKeyConfigured(): boolean {
  return keys !== null;
}

function current(): Keys {
  if (!keys) throw new Error('DATA_KEY is not configured: call configureDataKey() at start');
  return keys;
}

/** Encrypt one value for storage (a `bytea` column). null stays null. */
export function seal(clear: string): Buffer;
export function seal(clear: string | null | undefined): Buffer | null;
export function seal(clear: string | null | undefined): Buffer | null {
  if (clear == null) return null;
  const sealed = Buffer.allocUnsafe(1 + 12 + Buffer.byteLength(clear, 'utf8') + 16);
  sealed[0] = VERSION;
  const nonce = nextNonce(sealed.subarray(1, 13));
  const cipher = createCipheriv('aes-256-gcm', current().seal, nonce);
  let at = 13;
  at += cipher.update(clear, 'utf8').copy(sealed, at);
  at += cipher.final().copy(sealed, at);
  cipher.getAuthTag().copy(sealed, at);
  return sealed;
}

/**
 * Nonces come from the system's random source in blocks (as Node's own randomUUID does), not one call per value:
 * a call per value cost about as much as the encryption itself when a data set seals millions of them. Each nonce
 * is used once; the block lives in this process only.
 */
const NONCES_PER_BLOCK = 1024;
let nonceBlock = Buffer.alloc(0);
let nonceAt = 0;
function nextNonce(into: Buffer): Buffer {
  if (nonceAt + 12 > nonceBlock.length) {
    nonceBlock = randomBytes(12 * NONCES_PER_BLOCK);
    nonceAt = 0;
  }
  nonceBlock.copy(into, 0, nonceAt, nonceAt + 12);
  nonceBlock.fill(0, nonceAt, nonceAt + 12);
  nonceAt += 12;
  return into;
}

/** Decrypt a value sealed by `seal`. Throws when the value was altered or sealed under another key. */
export function unseal(sealed: Buffer): string;
export function unseal(sealed: Buffer | null | undefined): string | null;
export function unseal(sealed: Buffer | null | undefined): string | null {
  if (sealed == null) return null;
  if (sealed.length < 1 + 12 + 16 || sealed[0] !== VERSION) throw new Error('not a sealed value');
  const nonce = sealed.subarray(1, 13);
  const tag = sealed.subarray(sealed.length - 16);
  const decipher = createDecipheriv('aes-256-gcm', current().seal, nonce);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(13, sealed.length - 16)), decipher.final()]).toString('utf8');
}

/**
 * Keyed hash for exact lookups (a `bytea` column with an index). Normalise first: the same person typed twice must
 * hash the same (see `normalizePhone`, `normalizeIdNumber`).
 */
export function lookupHash(kind: 'phone' | 'id_number' | string, normalized: string): Buffer;
export function lookupHash(kind: string, normalized: string | null | undefined): Buffer | null;
export function lookupHash(kind: string, normalized: string | null | undefined): Buffer | null {
  if (normalized == null || normalized === '') return null;
  return createHmac('sha256', current().lookup).update(`${kind}\u0000${normalized}`).digest();
}

/** Digits only, without a +86 / 0086 prefix: "+86 138-0013-8000" -> "13800138000". */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits.length === 15 && digits.startsWith('0086') ? digits.slice(4) : digits;
}

/** Upper-case, without spaces: the check character X of a resident ID number is often typed as x. */
export function normalizeIdNumber(id: string): string {
  return id.replace(/\s+/g, '').toUpperCase();
}
