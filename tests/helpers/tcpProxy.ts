/**
 * A TCP proxy on a free loopback port, for the multi-process tests:
 *
 * - as a load balancer in front of server processes: each new connection goes
 *   to the first target that accepts it, starting from the next one in turn
 *   (round robin; `order: 'first'` always starts from the first), so when a
 *   process dies its clients reconnect to another one, as behind nginx;
 * - as one process's link to Redis: `cut()` resets every connection through it
 *   and refuses new ones until `restore()`, which is what a Redis restart looks
 *   like from that process, without touching the Redis other tests use.
 */
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Connections accepted so far, by the target port they went to. */
  readonly routed: number[];
  /** Resets every open connection and refuses new ones. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export interface TcpProxyOptions {
  /** Target ports, read on every new connection (so the list may change). */
  targets: () => number[];
  order?: 'roundRobin' | 'first';
}

export async function startTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  const routed: number[] = [];
  let isCut = false;
  let turn = 0;

  function track(socket: net.Socket): void {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    // A reset while cutting is the point; the other side sees it as a closed connection.
    socket.on('error', () => socket.destroy());
  }

  function connectUpstream(client: net.Socket, candidates: number[]): void {
    const [port, ...rest] = candidates;
    if (port === undefined || isCut || client.destroyed) {
      client.destroy();
      return;
    }
    const upstream = net.connect({ host: '127.0.0.1', port });
    let connected = false;
    upstream.once('error', () => {
      upstream.destroy();
      // Refused (a dead process): try the next target.
      if (!connected) connectUpstream(client, rest);
    });
    upstream.once('connect', () => {
      connected = true;
      if (isCut || client.destroyed) {
        upstream.destroy();
        client.destroy();
        return;
      }
      routed.push(port);
      track(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.resume();
    });
  }

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    track(client);
    if (isCut) {
      client.destroy();
      return;
    }
    const targets = options.targets();
    const start = options.order === 'first' || targets.length === 0 ? 0 : turn++ % targets.length;
    connectUpstream(client, [...targets.slice(start), ...targets.slice(0, start)]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    port: (server.address() as net.AddressInfo).port,
    routed,
    cut() {
      isCut = true;
      for (const socket of open) socket.resetAndDestroy();
    },
    restore() {
      isCut = false;
    },
    async close() {
      isCut = true;
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
