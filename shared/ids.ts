/**
 * Random identifiers from the platform CSPRNG (Web Crypto exists in browsers and
 * in Node 20), encoded base64url so they are valid ids in URLs and room names.
 */

export function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 96 bits: plenty for ids that are not secrets (workspaces, documents, members). */
export function newId(): string {
  return base64url(randomBytes(12));
}

/** 256 bits: for secrets (session tokens, invite codes). Stored only as hashes. */
export function newSecret(): string {
  return base64url(randomBytes(32));
}
