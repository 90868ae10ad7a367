/**
 * Session tokens and invite codes are 256-bit secrets from the CSPRNG
 * (shared/ids.ts). Only their SHA-256 hashes are stored, so a copy of the
 * database lets nobody in. SHA-256 without salt is right for random secrets of
 * this size: there is nothing to guess.
 */
import { createHash } from 'node:crypto';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Tokens and codes are base64url: anything else is not worth a database look-up. */
export function looksLikeSecret(value: string): boolean {
  return /^[A-Za-z0-9_-]{20,128}$/.test(value);
}
