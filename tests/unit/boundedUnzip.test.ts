/**
 * The zip reader for uploaded exports: it never inflates more than its limits,
 * whatever the archive claims about itself, and refuses names that would leave
 * a folder.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { boundedUnzip, isSafeEntryName, UnzipError } from '../../server/workspaceData/boundedUnzip.ts';

const LIMITS = { maxEntries: 10, maxEntryBytes: 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 };

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof UnzipError) return error.problem;
    throw error;
  }
  return 'none';
}

/** Sets the uncompressed size every header of a one-entry zip states (a bomb that lies). */
function lieAboutSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  view.setUint32(22, size, true); // local file header
  for (let at = out.length - 22; at >= 0; at--) {
    if (view.getUint32(at, true) === 0x02014b50) {
      view.setUint32(at + 24, size, true); // central directory header
      break;
    }
  }
  return out;
}

describe('boundedUnzip', () => {
  it('reads the wanted entries and lists every name', () => {
    const zip = zipSync({ 'a.json': strToU8('{"a":1}'), 'b/c.md': strToU8('# c'), 'skip.bin': new Uint8Array(10) });
    const { names, files } = boundedUnzip(zip, (name) => name !== 'skip.bin', LIMITS);
    expect(names).toEqual(['a.json', 'b/c.md', 'skip.bin']);
    expect([...files.keys()]).toEqual(['a.json', 'b/c.md']);
    expect(new TextDecoder().decode(files.get('b/c.md'))).toBe('# c');
  });

  it('stops a zip bomb whose headers say it is 10 bytes', () => {
    const bomb = lieAboutSize(zipSync({ 'members.json': new Uint8Array(50 * 1024 * 1024) }, { level: 9 }), 10);
    expect(bomb.byteLength).toBeLessThan(100_000);
    expect(problemOf(() => boundedUnzip(bomb, () => true, LIMITS))).toBe('too_large');
  });

  it('stops when many moderate entries together exceed the total', () => {
    const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}`, new Uint8Array(900 * 1024)]));
    expect(problemOf(() => boundedUnzip(zipSync(files), () => true, LIMITS))).toBe('too_large');
  });

  it('refuses too many entries, even unwanted ones', () => {
    const files = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}`, strToU8('x')]));
    expect(problemOf(() => boundedUnzip(zipSync(files), () => false, LIMITS))).toBe('too_many_entries');
  });

  it('refuses names that climb out, are absolute, use backslashes or drive letters', () => {
    for (const name of ['../x', 'a/../../x', '/etc/passwd', 'a\\..\\x', 'C:/x', 'a//b', './a']) {
      expect(isSafeEntryName(name), name).toBe(false);
      expect(problemOf(() => boundedUnzip(zipSync({ [name]: strToU8('x') }), () => true, LIMITS)), name).toBe('bad_name');
    }
    expect(isSafeEntryName('documents/abc/state.yjs')).toBe(true);
  });

  it('refuses what is not a zip, and a truncated zip', () => {
    expect(problemOf(() => boundedUnzip(strToU8('PK but not really'), () => true, LIMITS))).toBe('not_zip');
    const zip = zipSync({ 'a.json': new Uint8Array(100_000).fill(65) }, { level: 0 });
    expect(problemOf(() => boundedUnzip(zip.subarray(0, 50_000), () => true, LIMITS))).toBe('corrupt');
  });
});
