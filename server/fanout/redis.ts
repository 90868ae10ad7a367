/**
 * Fan-out over Redis pub/sub (REDIS_URL). One channel per open document,
 * `<prefix>doc:<workspaceId>/<docId>`, to which only the processes that have
 * the document open subscribe, and one control channel, `<prefix>control`,
 * for what concerns every process (a removed member). Redis stores nothing
 * for us: no keys, only messages in passing.
 *
 * Two connections: one subscribed, one to publish. Both have no offline
 * queue, so while Redis is away a publish fails at once instead of piling up
 * (the others catch up from storage anyway), and the process goes on serving
 * its own clients. ioredis reconnects by itself; each time a connection is
 * ready again, every channel is subscribed anew and the listener is told to
 * catch up (`reconnected`).
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { RoomName } from '../../shared/rooms.ts';
import type { Logger } from '../logger.ts';
import type { Fanout, FanoutListener, FanoutMessage } from './Fanout.ts';
import { decodeFanoutMessage, encodeFanoutMessage, FanoutWireError } from './fanoutWire.ts';

export interface RedisFanoutOptions {
  url: string;
  /** Put before every channel name, so several installations (or tests) can share one Redis. */
  channelPrefix: string;
  processId: string;
  logger: Logger;
  /**
   * TEST ONLY (FANOUT_TEST_DROP_UPDATES): ordinals, counted from 1, of the
   * document updates this process does not publish, to prove that a lost
   * message is healed from storage. Never set in production.
   */
  testDropUpdates?: readonly number[];
  /** How long start-up waits for Redis. */
  connectTimeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
const QUIT_TIMEOUT_MS = 1000;

/** Reconnect quickly at first, then every 2 s at most, for ever. */
function retryDelay(attempt: number): number {
  return Math.min(50 * attempt, 2000);
}

export class RedisFanout implements Fanout {
  readonly processId: string;
  readonly #options: RedisFanoutOptions;
  readonly #logger: Logger;
  readonly #controlChannel: string;
  readonly #testDropUpdates: ReadonlySet<number>;
  /** Joined room channels → their room (so a channel name is never parsed back). */
  readonly #rooms = new Map<string, RoomName>();
  #pub: Redis | null = null;
  #sub: Redis | null = null;
  #listener: FanoutListener | null = null;
  /** Per connection: has it been ready before (so the next ready is a reconnect)? */
  readonly #wasReady = new WeakSet<Redis>();
  #subscribing: Promise<void> = Promise.resolve();
  #linkDown = false;
  #publishedUpdates = 0;
  #closed = false;

  constructor(options: RedisFanoutOptions) {
    this.#options = options;
    this.processId = options.processId;
    this.#logger = options.logger;
    this.#controlChannel = `${options.channelPrefix}control`;
    this.#testDropUpdates = new Set(options.testDropUpdates ?? []);
    if (this.#testDropUpdates.size > 0) {
      this.#logger.warn({ updates: [...this.#testDropUpdates] }, 'TEST fault injection: some updates will not be published');
    }
  }

  async start(listener: FanoutListener): Promise<void> {
    this.#listener = listener;
    const pub = this.#connection('pub');
    const sub = this.#connection('sub');
    this.#pub = pub;
    this.#sub = sub;
    sub.on('messageBuffer', (channel: Buffer, data: Buffer) => this.#receive(channel.toString(), data));
    try {
      await Promise.all([pub.connect(), sub.connect()]);
      await this.#subscribing;
    } catch (error) {
      pub.disconnect();
      sub.disconnect();
      throw new Error(`Redis at ${describeRedis(this.#options.url)} cannot be reached: ${(error as Error).message}`);
    }
    this.#logger.info(
      { redis: describeRedis(this.#options.url), prefix: this.#options.channelPrefix, process: this.processId },
      'fan-out connected',
    );
  }

  async join(room: RoomName): Promise<void> {
    const channel = this.#roomChannel(room);
    this.#rooms.set(channel, room);
    const sub = this.#sub;
    if (!sub || sub.status !== 'ready') return; // subscribed when the connection is back
    try {
      await sub.subscribe(channel);
    } catch (error) {
      this.#logger.debug({ room: room.key, err: error }, 'subscribing failed; will subscribe on reconnect');
    }
  }

  leave(room: RoomName): void {
    const channel = this.#roomChannel(room);
    if (!this.#rooms.delete(channel)) return;
    const sub = this.#sub;
    if (!sub || sub.status !== 'ready') return;
    sub.unsubscribe(channel).catch((error: unknown) => {
      // A stale subscription only brings messages for a room we no longer have; they are ignored.
      this.#logger.debug({ room: room.key, err: error }, 'unsubscribing failed');
    });
  }

  publish(message: FanoutMessage): void {
    if (this.#closed) return;
    if (message.kind === 'update') {
      this.#publishedUpdates++;
      if (this.#testDropUpdates.has(this.#publishedUpdates)) {
        this.#logger.warn({ room: message.room.key, seq: message.seq }, 'TEST fault injection: update not published');
        return;
      }
    }
    const pub = this.#pub;
    // Without a connection the message is lost; the others catch up from storage after the reconnect.
    if (!pub || pub.status !== 'ready') return;
    const channel = message.kind === 'memberRemoved' ? this.#controlChannel : this.#roomChannel(message.room);
    const data = encodeFanoutMessage(this.processId, message);
    pub.publish(channel, Buffer.from(data.buffer, data.byteOffset, data.byteLength)).catch((error: unknown) => {
      this.#logger.debug({ kind: message.kind, err: error }, 'publishing failed; the others catch up from storage');
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // quit() lets what was published go out first; bounded, because Redis may be gone.
    await Promise.all(
      [this.#pub, this.#sub].map(async (connection) => {
        if (!connection) return;
        if (connection.status === 'ready') {
          const timeout = new Promise<void>((resolve) => setTimeout(resolve, QUIT_TIMEOUT_MS).unref());
          await Promise.race([connection.quit().then(() => undefined, () => undefined), timeout]);
        }
        connection.disconnect();
      }),
    );
  }

  #connection(role: 'pub' | 'sub'): Redis {
    const options: RedisOptions = {
      lazyConnect: true,
      connectTimeout: this.#options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResubscribe: false, // done by #onReady, so we know when it is done
      retryStrategy: retryDelay,
      connectionName: `samenspel-${role}-${this.processId}`,
    };
    const connection = new Redis(this.#options.url, options);
    connection.on('ready', () => this.#onReady(connection, role));
    connection.on('close', () => this.#onClose(connection));
    connection.on('error', (error: Error) => {
      // ioredis reconnects by itself; one line per outage is enough (#onClose).
      this.#logger.debug({ role, err: error }, 'Redis connection error');
    });
    return connection;
  }

  #onReady(connection: Redis, role: 'pub' | 'sub'): void {
    const isReconnect = this.#wasReady.has(connection);
    this.#wasReady.add(connection);
    if (role === 'sub') {
      const channels = [this.#controlChannel, ...this.#rooms.keys()];
      this.#subscribing = connection.subscribe(...channels).then(
        () => undefined,
        (error: unknown) => {
          // The connection broke again at once; the next ready subscribes again.
          this.#logger.warn({ err: error }, 'subscribing after connect failed');
        },
      );
    }
    if (!isReconnect) return;
    void this.#subscribing.then(() => {
      if (this.#closed) return;
      if (this.#linkDown) this.#logger.info({ role }, 'Redis is back; catching up from storage');
      this.#linkDown = false;
      this.#listener?.reconnected();
    });
  }

  #onClose(connection: Redis): void {
    if (this.#closed || !this.#wasReady.has(connection) || this.#linkDown) return;
    this.#linkDown = true;
    this.#logger.warn('lost the connection to Redis; serving local clients only until it is back');
  }

  #receive(channel: string, data: Buffer): void {
    const room = channel === this.#controlChannel ? null : this.#rooms.get(channel);
    if (room === undefined) return; // a room we left; its last messages may still arrive
    let decoded;
    try {
      decoded = decodeFanoutMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), room);
    } catch (error) {
      if (!(error instanceof FanoutWireError)) throw error;
      this.#logger.warn({ channel, reason: error.message }, 'fan-out message ignored');
      return;
    }
    if (decoded.processId === this.processId) return; // Redis hands our own messages back to us
    this.#listener?.message(decoded.message);
  }

  #roomChannel(room: RoomName): string {
    return `${this.#options.channelPrefix}doc:${room.key}`;
  }
}

/** host:port, for logs: never a password. */
function describeRedis(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '6379'}`;
}
