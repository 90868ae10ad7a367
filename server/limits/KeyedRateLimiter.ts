/**
 * One token bucket per key (an IP address), for limits that strangers can
 * reach. Memory is bounded: buckets that refilled completely are forgotten,
 * and when `maxKeys` are tracked at once new keys are refused outright, so a
 * flood of distinct addresses cannot grow the map without bound.
 */
import { TokenBucket } from './TokenBucket.ts';

export interface KeyedRateLimiterOptions {
  ratePerSecond: number;
  capacity: number;
  maxKeys?: number;
  now?: () => number;
}

const DEFAULT_MAX_KEYS = 10_000;

export class KeyedRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly options: KeyedRateLimiterOptions) {}

  /** True when `key` may do one more; false when it is over its limit. */
  take(key: string): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= (this.options.maxKeys ?? DEFAULT_MAX_KEYS)) this.forgetFull();
      if (this.buckets.size >= (this.options.maxKeys ?? DEFAULT_MAX_KEYS)) return false;
      bucket = new TokenBucket(this.options.ratePerSecond, this.options.capacity, this.options.now);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }

  /** Without taking a token: would `key` be refused now? */
  isLimited(key: string): boolean {
    const bucket = this.buckets.get(key);
    if (!bucket) return false;
    return bucket.available < 1;
  }

  private forgetFull(): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull) this.buckets.delete(key);
  }
}
