import { describe, expect, it } from 'vitest';
import { base64url, newId, newSecret } from '../../shared/ids.ts';
import { isValidId } from '../../shared/rooms.ts';

describe('ids', () => {
  it('encodes base64url without padding, the same as Node does', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + length * 31) % 256);
      expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    }
  });

  it('makes ids that are valid room ids, and secrets of 256 bits', () => {
    expect(isValidId(newId())).toBe(true);
    expect(newId()).toHaveLength(16);
    expect(newSecret()).toHaveLength(43);
    expect(new Set(Array.from({ length: 1000 }, newSecret)).size).toBe(1000);
  });
});
