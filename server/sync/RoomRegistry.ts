/**
 * The open rooms of one server. A room is loaded once (one shared promise per
 * loading room), serves its connections, and is unloaded a while after its last
 * connection left — only once everything it received is stored.
 *
 * With fan-out (several processes), the registry is the fan-out's listener: it
 * joins a room's channel before loading the room from storage (so no update
 * committed meanwhile can fall between the two; what arrives during the load
 * waits and is applied after it), leaves it when the room goes, hands each
 * message to its room, and closes a removed member's connections on every
 * process.
 */
import { CloseCode } from '../../shared/protocol.ts';
import type { RoomName } from '../../shared/rooms.ts';
import type { Fanout, FanoutListener, FanoutMessage } from '../fanout/Fanout.ts';
import type { Logger } from '../logger.ts';
import type { DocumentStorage } from '../storage/Storage.ts';
import type { Connection } from './Connection.ts';
import { Room, type RoomPeerMessage } from './Room.ts';

/** How long shutdown may spend compacting (main.ts gives the whole shutdown 4.5 s). */
const SHUTDOWN_COMPACTION_BUDGET_MS = 1500;

export interface RoomRegistryOptions {
  storage: DocumentStorage;
  logger: Logger;
  unloadAfterMs: number;
  compactAfterUpdates: number;
  /** See RoomOptions.maxDocumentBytes. */
  maxDocumentBytes?: number;
  /** The other server processes; absent when this is the only one. */
  fanout?: Pick<Fanout, 'join' | 'leave' | 'publish'>;
  /** See RoomOptions. */
  catchUpAfterMs?: number;
  announceHeadAfterMs?: number;
}

/** Fan-out messages for a room that is still loading, and whether it must catch up once loaded. */
interface LoadingInbox {
  messages: RoomPeerMessage[];
  catchUp: boolean;
}

export interface RoomStats {
  rooms: number;
  connections: number;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly inboxes = new Map<string, LoadingInbox>();
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

  /** What the fan-out calls with messages from the other processes. */
  readonly fanoutListener: FanoutListener = {
    message: (message) => this.receiveFromPeers(message),
    reconnected: () => this.peersReconnected(),
  };

  /**
   * A member was removed: closes its connections here and tells every other
   * process to do the same. (Its sessions were revoked in the shared storage,
   * so reconnecting fails everywhere.)
   */
  revokeMember(memberId: string): number {
    this.options.fanout?.publish({ kind: 'memberRemoved', memberId });
    return this.disconnectMember(memberId, CloseCode.accessRevoked, 'member removed');
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

  /**
   * Something wrote to a document's log outside its room (the server anonymising
   * the index): if the room is open here, it reads the log back and passes the
   * news to its connections. Other processes notice the gap at their next update.
   */
  catchUpFromStorage(name: RoomName): Promise<void> {
    return this.rooms.get(name.key)?.catchUp() ?? Promise.resolve();
  }

  /**
   * A workspace is being deleted: closes every connection to its rooms here,
   * waits until what they received is stored, and unloads them, so nothing is
   * written for it after the caller deletes its rows. (Its members' sessions
   * are revoked first, so nobody reconnects meanwhile.)
   */
  async closeWorkspace(workspaceId: string, code: number, reason: string): Promise<number> {
    await Promise.allSettled([...this.loading.entries()].filter(([key]) => key.startsWith(`${workspaceId}/`)).map(([, load]) => load));
    const rooms = [...this.rooms.values()].filter((room) => room.name.workspaceId === workspaceId);
    let closed = 0;
    for (const room of rooms) {
      closed += room.connections.size;
      room.closeAll(code, reason);
    }
    await Promise.all(rooms.map((room) => room.settle()));
    for (const room of rooms) {
      this.cancelUnload(room.name.key);
      if (this.rooms.get(room.name.key) === room) {
        this.rooms.delete(room.name.key);
        this.options.fanout?.leave(room.name);
      }
      room.destroy();
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
    for (const room of rooms) room.closeAll(code, reason);
    await this.compactForRestart(rooms);
    for (const room of rooms) room.destroy();
    this.rooms.clear();
  }

  /**
   * Folds each document's log into its snapshot, so the next start reads one
   * snapshot per document and a fresh client gets it as it is (Room.ts). Within
   * a time budget, so a server with many busy documents still stops in time;
   * what is left is merged at the next load's answer instead.
   */
  private async compactForRestart(rooms: Room[]): Promise<void> {
    const started = Date.now();
    let compacted = 0;
    for (const room of rooms) {
      if (room.isPoisoned || room.uncompactedUpdates === 0) continue;
      if (Date.now() - started > SHUTDOWN_COMPACTION_BUDGET_MS) break;
      try {
        await this.options.storage.compact(room.name.workspaceId, room.name.docId);
        compacted++;
      } catch (error) {
        // The log is intact; the document just loads from more rows next time.
        this.logger.warn({ room: room.name.key, err: error }, 'compaction at shutdown failed');
      }
    }
    if (compacted > 0) this.logger.info({ documents: compacted, ms: Date.now() - started }, 'compacted at shutdown');
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
    const { fanout } = this.options;
    const inbox: LoadingInbox = { messages: [], catchUp: false };
    let room: Room;
    if (fanout) {
      this.inboxes.set(name.key, inbox);
      await fanout.join(name);
    }
    try {
      room = await Room.load(name, this.options.storage, {
        compactAfterUpdates: this.options.compactAfterUpdates,
        logger: this.logger,
        ...(this.options.maxDocumentBytes !== undefined && { maxDocumentBytes: this.options.maxDocumentBytes }),
        onPoisoned: (poisoned) => this.drop(poisoned),
        onEmpty: (empty) => this.scheduleUnloadIfEmpty(empty),
        ...(fanout && {
          peers: fanout,
          catchUpAfterMs: this.options.catchUpAfterMs,
          announceHeadAfterMs: this.options.announceHeadAfterMs,
        }),
      });
    } catch (error) {
      this.inboxes.delete(name.key);
      fanout?.leave(name);
      throw error;
    }
    this.rooms.set(name.key, room);
    this.logger.info({ room: name.key, ms: Date.now() - started }, 'room loaded');
    if (fanout) {
      this.inboxes.delete(name.key);
      for (const message of inbox.messages) room.receiveFromPeers(message);
      if (inbox.catchUp) void room.catchUp();
      // Presence of people on other processes shows at once, not at their next renewal.
      fanout.publish({ kind: 'awarenessQuery', room: name });
    }
    return room;
  }

  private receiveFromPeers(message: FanoutMessage): void {
    if (message.kind === 'memberRemoved') {
      const closed = this.disconnectMember(message.memberId, CloseCode.accessRevoked, 'member removed');
      if (closed > 0) this.logger.info({ member: message.memberId, connections: closed }, 'removed member disconnected');
      return;
    }
    const room = this.rooms.get(message.room.key);
    if (room) room.receiveFromPeers(message);
    else this.inboxes.get(message.room.key)?.messages.push(message);
  }

  private peersReconnected(): void {
    for (const room of this.rooms.values()) {
      void room.catchUp();
      // What we published while away is lost: tell the others how far the log came, and who is here.
      room.announceHead();
      room.publishLocalAwareness();
    }
    for (const inbox of this.inboxes.values()) inbox.catchUp = true;
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
    this.options.fanout?.leave(room.name);
    room.destroy();
    this.logger.debug({ room: room.name.key }, 'room unloaded');
  }

  private drop(room: Room): void {
    this.cancelUnload(room.name.key);
    if (this.rooms.get(room.name.key) === room) {
      this.rooms.delete(room.name.key);
      this.options.fanout?.leave(room.name);
    }
    // Destroy once its pending sends are gone; connections were closed by the room.
    queueMicrotask(() => room.destroy());
  }
}
