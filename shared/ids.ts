/**
 * Random identifiers from the platform CSPRNG (Web Crypto exists in browsers and
 * in Node 20), encoded base64url so they are valid ids in URLs and room names.
 */

/** The one Web Crypto function we use; shared/ is typed without DOM or Node libraries. */
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) out += BASE64URL[(chunk >> (18 - 6 * j)) & 63];
  }
  return out;
}

/** 96 bits: plenty for ids that are not secrets (workspaces, documents, members). */
export function newId(): string {
  return base64url(randomBytes(12));
}

/** 256 bits: for secrets (session tokens, invite codes). Stored only as hashes. */
export function newSecret(): string {
  return base64url(randomBytes(32));
}
