/**
 * Reads a zip that someone uploaded, without trusting anything it says about
 * itself. Threats: a zip bomb (a small file that inflates to gigabytes, or a
 * header that lies about the inflated size), very many entries, and entry
 * names that would escape a folder (`../`, absolute paths, backslashes).
 *
 * The archive is pushed through fflate's streaming reader in small chunks, so
 * no single inflate step can produce more than about a thousand times a chunk
 * before the byte counters below see it and stop. Only the entries the caller
 * wants are inflated at all; the others are only counted and name-checked.
 */
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';

export interface UnzipLimits {
  maxEntries: number;
  /** Largest inflated entry. */
  maxEntryBytes: number;
  /** Largest sum of inflated entries that are read. */
  maxTotalBytes: number;
}

export type UnzipProblem = 'not_zip' | 'bad_name' | 'too_many_entries' | 'too_large' | 'corrupt';

export class UnzipError extends Error {
  override name = 'UnzipError';
  constructor(
    readonly problem: UnzipProblem,
    detail: string,
  ) {
    super(detail);
  }
}

/** Pieces of at most this size go to the inflater at once (deflate inflates at most ~1032:1). */
const CHUNK_BYTES = 16 * 1024;
const LOCAL_FILE_HEADER = [0x50, 0x4b, 0x03, 0x04];

/** Names are relative, forward-slashed, without `.`/`..` segments or control characters. */
export function isSafeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 512) return false;
  if (name.startsWith('/') || name.includes('\\') || /[\u0000-\u001f]/.test(name) || /^[A-Za-z]:/.test(name)) return false;
  return name.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

export function looksLikeZip(bytes: Uint8Array): boolean {
  return LOCAL_FILE_HEADER.every((byte, index) => bytes[index] === byte);
}

/**
 * Every entry's name (in archive order) and the inflated bytes of those that
 * `wanted` selects. Throws UnzipError for anything outside the limits.
 */
export function boundedUnzip(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  limits: UnzipLimits,
): { names: string[]; files: Map<string, Uint8Array> } {
  if (!looksLikeZip(bytes)) throw new UnzipError('not_zip', 'no zip signature');
  const names: string[] = [];
  const files = new Map<string, Uint8Array>();
  let total = 0;
  let failure: UnzipError | null = null;

  const unzip = new Unzip((file) => {
    if (failure) return;
    names.push(file.name);
    if (names.length > limits.maxEntries) {
      failure = new UnzipError('too_many_entries', `more than ${limits.maxEntries} entries`);
      return;
    }
    if (!isSafeEntryName(file.name)) {
      failure = new UnzipError('bad_name', 'an entry name is not a plain relative path');
      return;
    }
    if (!wanted(file.name)) return;
    if (files.has(file.name)) {
      failure = new UnzipError('bad_name', 'an entry name occurs twice');
      return;
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, data, final) => {
      if (failure) return;
      if (error) {
        failure = new UnzipError('corrupt', 'an entry could not be inflated');
        file.terminate();
        return;
      }
      size += data.byteLength;
      total += data.byteLength;
      if (size > limits.maxEntryBytes || total > limits.maxTotalBytes) {
        failure = new UnzipError('too_large', 'an entry inflates beyond the limit');
        file.terminate();
        return;
      }
      parts.push(data);
      if (final) files.set(file.name, concat(parts, size));
    };
    try {
      file.start();
    } catch {
      // An unknown compression method (not stored, not deflate).
      failure = new UnzipError('corrupt', 'an entry uses an unsupported compression method');
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);

  try {
    for (let offset = 0; offset < bytes.byteLength && !failure; offset += CHUNK_BYTES) {
      const end = Math.min(offset + CHUNK_BYTES, bytes.byteLength);
      unzip.push(bytes.subarray(offset, end), end === bytes.byteLength);
    }
  } catch (error) {
    if (!failure) failure = new UnzipError('corrupt', error instanceof Error ? error.message : 'unreadable zip');
  }
  if (failure) throw failure;
  return { names, files };
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
