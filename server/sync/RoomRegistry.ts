/**
 * The open rooms of one server. A room is loaded once (one shared promise per
 * loading room), serves its connections, and is unloaded a while after its last
 * connection left — only once everything it received is stored.
 */
import { CloseCode } from '../../shared/protocol.ts';
import type { RoomName } from '../../shared/rooms.ts';
import type { Logger } from '../logger.ts';
import type { DocumentStorage } from '../storage/Storage.ts';
import type { Connection } from './Connection.ts';
import { Room } from './Room.ts';

export interface RoomRegistryOptions {
  storage: DocumentStorage;
  logger: Logger;
  unloadAfterMs: number;
  compactAfterUpdates: number;
}

export interface RoomStats {
  rooms: number;
  connections: number;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly logger: Logger;
  private shuttingDown = false;

  constructor(private readonly options: RoomRegistryOptions) {
    this.logger = options.logger;
  }

  stats(): RoomStats {
    let connections = 0;
    for (const room of this.rooms.values()) connections += room.connections.size;
    return { rooms: this.rooms.size, connections };
  }

  /**
   * Attaches a connection to its room. Messages that arrive while the room loads
   * are kept in order and handled once it is ready. If loading fails, the
   * connection is closed and nothing is written.
   */
  connect(connection: Connection, onMessage: (listener: (data: Uint8Array) => void) => void, onClose: (listener: () => void) => void): void {
    const early: Uint8Array[] = [];
    let room: Room | null = null;
    // Listeners first, before any await, so nothing the client sends is missed.
    onMessage((data) => {
      if (room) room.receive(connection, data);
      else early.push(data);
    });
    onClose(() => {
      connection.markClosed();
      room?.removeConnection(connection);
    });

    this.acquire(connection.room).then(
      (loaded) => {
        if (connection.isClosed) {
          this.scheduleUnloadIfEmpty(loaded);
          return;
        }
        if (loaded.isPoisoned) {
          connection.close(CloseCode.storeFailed, 'document is reloading');
          return;
        }
        room = loaded;
        this.cancelUnload(loaded.name.key);
        loaded.addConnection(connection);
        for (const data of early.splice(0)) loaded.receive(connection, data);
      },
      (error: unknown) => {
        this.logger.error({ room: connection.room.key, connection: connection.id, err: error }, 'loading the document failed');
        connection.close(CloseCode.loadFailed, 'document could not be loaded');
      },
    );
  }

  /** Closes every connection of a member in every room (for removed members and revoked access). */
  disconnectMember(memberId: string, code: number, reason: string): number {
    let closed = 0;
    for (const room of this.rooms.values()) {
      for (const connection of [...room.connections]) {
        if (connection.identity.memberId === memberId) {
          connection.close(code, reason);
          closed++;
        }
      }
    }
    return closed;
  }

  /** Stops taking connections, waits for writes in flight, closes every socket with `code`. */
  async shutdown(code: number, reason: string): Promise<void> {
    this.shuttingDown = true;
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    await Promise.allSettled([...this.loading.values()]);
    const rooms = [...this.rooms.values()];
    await Promise.all(rooms.map((room) => room.settle()));
    for (const room of rooms) {
      room.closeAll(code, reason);
      room.destroy();
    }
    this.rooms.clear();
  }

  private acquire(name: RoomName): Promise<Room> {
    const open = this.rooms.get(name.key);
    if (open) return Promise.resolve(open);
    const pending = this.loading.get(name.key);
    if (pending) return pending;
    if (this.shuttingDown) return Promise.reject(new Error('server is shutting down'));
    const load = this.load(name).finally(() => this.loading.delete(name.key));
    this.loading.set(name.key, load);
    return load;
  }

  private async load(name: RoomName): Promise<Room> {
    const started = Date.now();
    const room = await Room.load(name, this.options.storage, {
      compactAfterUpdates: this.options.compactAfterUpdates,
      logger: this.logger,
      onPoisoned: (poisoned) => this.drop(poisoned),
      onEmpty: (empty) => this.scheduleUnloadIfEmpty(empty),
    });
    this.rooms.set(name.key, room);
    this.logger.info({ room: name.key, ms: Date.now() - started }, 'room loaded');
    return room;
  }

  private scheduleUnloadIfEmpty(room: Room): void {
    if (room.connections.size > 0 || this.shuttingDown || this.rooms.get(room.name.key) !== room) return;
    this.cancelUnload(room.name.key);
    const timer = setTimeout(() => void this.unload(room), this.options.unloadAfterMs);
    timer.unref();
    this.unloadTimers.set(room.name.key, timer);
  }

  private cancelUnload(key: string): void {
    const timer = this.unloadTimers.get(key);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(key);
  }

  private async unload(room: Room): Promise<void> {
    this.unloadTimers.delete(room.name.key);
    await room.settle();
    // Someone may have connected, or the room been replaced, while writes settled.
    if (room.connections.size > 0 || this.rooms.get(room.name.key) !== room) return;
    this.rooms.delete(room.name.key);
    room.destroy();
    this.logger.debug({ room: room.name.key }, 'room unloaded');
  }

  private drop(room: Room): void {
    this.cancelUnload(room.name.key);
    if (this.rooms.get(room.name.key) === room) this.rooms.delete(room.name.key);
    // Destroy once its pending sends are gone; connections were closed by the room.
    queueMicrotask(() => room.destroy());
  }
}
