/**
 * The real PostgreSQL and Redis that the PG/Redis tests use (127.0.0.1:5432 with
 * trust auth, 127.0.0.1:6379), and the one rule for when they are missing: the
 * tests are skipped with the reason in their name, except under CI=true, where
 * a missing service fails the run.
 *
 *   const services = await requireServices(['postgres', 'redis']);
 *   describe.skipIf(!services.available)(`cluster${services.skipNote}`, () => { ... });
 *
 * Every test gets its own database (createTestDatabase) and its own Redis
 * channel prefix (redisTestPrefix), and removes them afterwards.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

export const PG_HOST = process.env.TEST_PGHOST ?? '127.0.0.1';
export const PG_PORT = Number(process.env.TEST_PGPORT ?? 5432);
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PG_USERS = ['postgres', 'root'];
const CHECK_TIMEOUT_MS = 2000;

export type ServiceName = 'postgres' | 'redis';

export interface Services {
  available: boolean;
  /** '' when available; otherwise ' (skipped: <why>)', to append to a describe name. */
  skipNote: string;
  /** A URL of the maintenance database `postgres`, as a user that may create databases. */
  adminUrl: string;
}

let adminUrl: Promise<string> | null = null;

/** The first PostgreSQL user of PG_USERS that can connect; rejects with the reason when none can. */
function findAdminUrl(): Promise<string> {
  adminUrl ??= (async () => {
    const reasons: string[] = [];
    for (const user of PG_USERS) {
      const url = `postgres://${user}@${PG_HOST}:${PG_PORT}/postgres`;
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CHECK_TIMEOUT_MS });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return url;
      } catch (error) {
        reasons.push(`${user}: ${(error as Error).message || (error as { code?: string }).code}`);
      } finally {
        // A client that never connected may refuse to end; there is nothing to release then.
        await client.end().catch(() => undefined);
      }
    }
    throw new Error(`PostgreSQL is not reachable at ${PG_HOST}:${PG_PORT} (${reasons.join('; ')})`);
  })();
  return adminUrl;
}

async function checkRedis(): Promise<void> {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: CHECK_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // Connection errors surface through connect(); this keeps them from also being printed.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis is not reachable at ${REDIS_URL} (${(error as Error).message})`);
  } finally {
    redis.disconnect();
  }
}

/**
 * Checks that the named services answer. When one does not: under CI=true this
 * throws (the test file fails); otherwise it prints the reason and returns
 * available=false so the caller skips with that reason in the test's name.
 */
export async function requireServices(names: readonly ServiceName[]): Promise<Services> {
  const problems: string[] = [];
  let url = '';
  if (names.includes('postgres')) {
    try {
      url = await findAdminUrl();
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (names.includes('redis')) {
    try {
      await checkRedis();
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length === 0) return { available: true, skipNote: '', adminUrl: url };
  const reason = problems.join('; ');
  if (process.env.CI === 'true') throw new Error(`CI=true, and a service these tests need is missing: ${reason}`);
  console.warn(`Skipping tests that need ${names.join(' and ')}: ${reason}`);
  return { available: false, skipNote: ` (skipped: ${reason})`, adminUrl: '' };
}

export interface TestDatabase {
  name: string;
  /** Connection string for the new, empty database. */
  url: string;
  /** Drops the database, closing whatever is still connected to it. */
  drop(): Promise<void>;
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: await findAdminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database `samenspel_test_<random>`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `samenspel_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(await findAdminUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withAdmin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

/** A channel prefix no other test uses, e.g. `samenspel-test-1a2b3c:`. */
export function redisTestPrefix(): string {
  return `samenspel-test-${randomBytes(5).toString('hex')}:`;
}

/** Removes every Redis key under `prefix` (the fan-out keeps none; this proves it stays so). */
export async function cleanRedisPrefix(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let removed = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) removed += await redis.del(...keys);
    } while (cursor !== '0');
    return removed;
  } finally {
    redis.disconnect();
  }
}
