/**
 * Several real server processes (tests/helpers/server.ts) sharing one new
 * PostgreSQL database and fanning out through the real Redis under a channel
 * prefix of their own, started at the same moment (so their migrations race,
 * as in production). Each process reaches Redis through its own TCP proxy
 * (tcpProxy.ts), so a test can take Redis away from one process or from all;
 * a round-robin balancer in front of the processes gives clients one address
 * that survives a process dying.
 *
 * stop() stops the processes, drops the database and checks the prefix left no keys.
 */
import { cleanRedisPrefix, createTestDatabase, redisTestPrefix, REDIS_URL, type TestDatabase } from './services.ts';
import type { ServerAddress } from './collab.ts';
import { startServer, type TestServer } from './server.ts';
import { startTcpProxy, type TcpProxy } from './tcpProxy.ts';

export interface Cluster {
  nodes: TestServer[];
  /** nodes[i] reaches Redis through redisLinks[i]. */
  redisLinks: TcpProxy[];
  balancer: TcpProxy;
  /** The balancer's address: clients that connect here move to another process when theirs dies. */
  balanced: ServerAddress;
  database: TestDatabase;
  channelPrefix: string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  processes: number;
  /** Environment for every process. */
  env?: Record<string, string>;
  /** Environment for process i only. */
  envFor?: (index: number) => Record<string, string>;
  /** 'first': every new connection goes to the first live process (to know where a client lands). */
  balancerOrder?: 'roundRobin' | 'first';
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const database = await createTestDatabase();
  const channelPrefix = redisTestPrefix();
  const redisPort = Number(new URL(REDIS_URL).port || 6379);
  const redisLinks = await Promise.all(
    Array.from({ length: options.processes }, () => startTcpProxy({ targets: () => [redisPort] })),
  );
  let nodes: TestServer[] = [];
  const balancer = await startTcpProxy({
    targets: () => nodes.filter((node) => node.process.exitCode === null && node.process.signalCode === null).map((node) => node.port),
    order: options.balancerOrder ?? 'roundRobin',
  });
  const started = await Promise.allSettled(
    redisLinks.map((link, index) =>
      startServer({
        env: {
          DATABASE_URL: database.url,
          REDIS_URL: `redis://127.0.0.1:${link.port}`,
          REDIS_CHANNEL_PREFIX: channelPrefix,
          ...options.env,
          ...options.envFor?.(index),
        },
      }),
    ),
  );
  nodes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));

  async function stop(): Promise<void> {
    await Promise.all(nodes.map((node) => node.stop()));
    await balancer.close();
    await Promise.all(redisLinks.map((link) => link.close()));
    await database.drop();
    const leftover = await cleanRedisPrefix(channelPrefix);
    if (leftover > 0) throw new Error(`the fan-out left ${leftover} Redis keys under ${channelPrefix}`);
  }

  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await stop();
    throw (failed as PromiseRejectedResult).reason;
  }
  return {
    nodes,
    redisLinks,
    balancer,
    balanced: { url: `http://127.0.0.1:${balancer.port}`, wsUrl: `ws://127.0.0.1:${balancer.port}/collab`, port: balancer.port },
    database,
    channelPrefix,
    stop,
  };
}
