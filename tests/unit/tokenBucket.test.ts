/** The token buckets behind the rate limits (server/limits/), on an injected clock. */
import { describe, expect, it } from 'vitest';
import { KeyedRateLimiter } from '../../server/limits/KeyedRateLimiter.ts';
import { TokenBucket } from '../../server/limits/TokenBucket.ts';

describe('TokenBucket', () => {
  it('allows a burst of its capacity, then its rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 20, () => now);
    for (let i = 0; i < 20; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 100; // one token per 100 ms
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 60_000;
    expect(bucket.available).toBe(20);
  });
});

describe('KeyedRateLimiter', () => {
  it('limits each key on its own and keeps at most maxKeys buckets', () => {
    let now = 0;
    const limiter = new KeyedRateLimiter({ ratePerSecond: 1, capacity: 2, maxKeys: 2, now: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([true, true, false]);
    expect(limiter.isLimited('a')).toBe(true);
    expect(limiter.take('b')).toBe(true);
    // Full: a third address is refused until a bucket refilled and can be forgotten.
    expect(limiter.take('c')).toBe(false);
    now += 5_000;
    expect(limiter.take('c')).toBe(true);
    expect(limiter.isLimited('a')).toBe(false);
  });
});
