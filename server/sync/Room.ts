/**
 * One open document: its Y.Doc, its awareness, its connections, and the write
 * pipeline that makes "stored before forwarded" hold.
 *
 * An update from a client is applied to the room's Y.Doc first (Yjs tells us
 * what actually changed, so duplicates are not stored and a corrupt update never
 * reaches the log), then appended to storage; only after the commit is it
 * forwarded. Anything that could reveal uncommitted state to another client (a
 * sync step 2) is computed at once but sent only after the writes that preceded
 * it have committed.
 *
 * An update that decodes but throws half-way through being applied leaves the
 * Y.Doc holding part of it. What that transaction produced is thrown away, its
 * sender is closed, and the room rebuilds its Y.Doc from storage (holding every
 * message meanwhile), so the other clients go on and nothing of it is stored.
 *
 * If a write fails, the room is poisoned: every connection is closed and the
 * room is dropped, so its unstored state is never served; clients reconnect to a
 * room freshly loaded from storage and resend what it lacks.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol.ts';
import type { RoomName } from '../../shared/rooms.ts';
import type { Logger } from '../logger.ts';
import type { DocumentStorage } from '../storage/Storage.ts';
import { Connection } from './Connection.ts';
import {
  encodeAwarenessMessage,
  encodeAwarenessUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  parseMessage,
  ProtocolError,
  type AwarenessEntry,
  type IncomingMessage,
} from './messages.ts';
import { LOAD_ORIGIN, loadStoredDoc, type LoadedDoc } from './loadStoredDoc.ts';

interface PendingWrite {
  update: Uint8Array;
  origin: Connection;
  /** When the update reached the server, for the log record. */
  at: number;
}

export interface RoomOptions {
  compactAfterUpdates: number;
  logger: Logger;
  /** Called once when the room must be dropped (after a failed write). */
  onPoisoned: (room: Room) => void;
  /** Called whenever the last connection leaves. */
  onEmpty: (room: Room) => void;
}

export class Room {
  // Presence has its own tiny document: the content document may be replaced by a rebuild.
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  readonly connections = new Set<Connection>();
  private currentDoc: Y.Doc;
  /** Writes produced by the update being applied; kept apart until it applied without error. */
  private applying: PendingWrite[] | null = null;
  /** While the document is rebuilt, everything that would touch it waits here, in order. */
  private held: (() => void)[] | null = null;
  private rebuilding: Promise<void> | null = null;

  private queued: PendingWrite[] = [];
  private flushing: Promise<void> | null = null;
  private enqueued = 0;
  private committed = 0;
  private commitWaiters: { target: number; resolve: () => void }[] = [];
  private logLength: number;
  private compacting: Promise<void> | null = null;
  private poisoned = false;
  private readonly logger: Logger;

  constructor(
    readonly name: RoomName,
    private readonly storage: DocumentStorage,
    private readonly options: RoomOptions,
    loaded: LoadedDoc,
  ) {
    this.logger = options.logger;
    this.logLength = loaded.logLength;
    this.currentDoc = loaded.doc;
    // The server itself has no presence in the document.
    this.awareness.setLocalState(null);
    this.currentDoc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Loads a room's document from storage. */
  static async load(name: RoomName, storage: DocumentStorage, options: RoomOptions): Promise<Room> {
    return new Room(name, storage, options, await loadStoredDoc(storage, name));
  }

  get doc(): Y.Doc {
    return this.currentDoc;
  }

  get hasPendingWrites(): boolean {
    return this.enqueued !== this.committed || this.compacting !== null || this.held !== null;
  }

  get isPoisoned(): boolean {
    return this.poisoned;
  }

  /** Adds a connection and starts the sync: our state vector, then everyone's presence. */
  addConnection(connection: Connection): void {
    this.connections.add(connection);
    if (this.held) {
      this.held.push(() => this.greet(connection));
      return;
    }
    this.greet(connection);
  }

  private greet(connection: Connection): void {
    if (connection.isClosed) return;
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      connection.send(
        encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])),
      );
    }
  }

  removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    if (connection.awarenessClientIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClientIds], connection);
    }
    if (this.connections.size === 0) this.options.onEmpty(this);
  }

  /** Handles one binary message; bad input closes only that connection. */
  receive(connection: Connection, data: Uint8Array): void {
    if (this.poisoned || connection.isClosed) return;
    if (this.held) {
      this.held.push(() => this.receive(connection, data));
      return;
    }
    let message: IncomingMessage;
    try {
      message = parseMessage(data);
    } catch (error) {
      this.refuse(connection, error as Error);
      return;
    }
    switch (message.kind) {
      case 'syncStep1':
        this.answerSyncStep1(connection, message.stateVector);
        return;
      case 'syncStep2':
      case 'update':
        this.applyClientUpdate(connection, message.update);
        return;
      case 'awareness':
        this.applyAwareness(connection, message.entries);
        return;
      case 'queryAwareness':
        connection.send(
          encodeAwarenessMessage(
            awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
          ),
        );
        return;
      default: {
        const unknown: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** Closes every connection (e.g. at shutdown) and releases the document. */
  closeAll(code: number, reason: string): void {
    for (const connection of [...this.connections]) connection.close(code, reason);
  }

  /** Resolves when every write enqueued so far has committed (or the room was poisoned). */
  whenStored(): Promise<void> {
    const target = this.enqueued;
    if (this.committed >= target || this.poisoned) return Promise.resolve();
    return new Promise((resolve) => this.commitWaiters.push({ target, resolve }));
  }

  /** Waits for writes and compaction in flight; used before unloading and at shutdown. */
  async settle(): Promise<void> {
    while (this.hasPendingWrites && !this.poisoned) {
      await this.whenStored();
      if (this.compacting) await this.compacting;
      if (this.rebuilding) await this.rebuilding;
    }
  }

  destroy(): void {
    this.currentDoc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.currentDoc.destroy();
  }

  private answerSyncStep1(connection: Connection, stateVector: Uint8Array): void {
    const reply = encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
    if (this.enqueued === this.committed) {
      connection.send(reply);
      return;
    }
    // The reply may hold updates that are not committed yet: send it after they are.
    void this.whenStored().then(() => {
      if (!this.poisoned) connection.send(reply);
    });
  }

  private applyClientUpdate(connection: Connection, update: Uint8Array): void {
    if (!connection.canEdit) {
      this.logger.debug({ connection: connection.id, room: this.name.key }, 'update from view-only member dropped');
      return;
    }
    this.applying = [];
    try {
      Y.applyUpdate(this.currentDoc, update, connection);
    } catch (error) {
      // Yjs has already emitted what it applied before the throw: that part is dropped.
      this.applying = null;
      this.refuse(connection, error as Error);
      this.rebuild();
      return;
    }
    const writes = this.applying;
    this.applying = null;
    for (const write of writes) this.enqueue(write);
  }

  /** Replaces the document with one loaded from storage, holding every message meanwhile. */
  private rebuild(): void {
    if (this.held) return;
    this.held = [];
    const started = Date.now();
    this.rebuilding = (async () => {
      await this.whenStored();
      if (this.poisoned) return;
      const loaded = await loadStoredDoc(this.storage, this.name);
      this.currentDoc.off('update', this.onDocUpdate);
      this.currentDoc.destroy();
      this.currentDoc = loaded.doc;
      this.currentDoc.on('update', this.onDocUpdate);
      this.logLength = loaded.logLength;
      this.logger.warn({ room: this.name.key, ms: Date.now() - started }, 'document rebuilt from storage');
    })().then(
      () => {
        const held = this.held ?? [];
        this.held = null;
        for (const run of held) run();
      },
      (error: unknown) => {
        this.logger.error({ room: this.name.key, err: error }, 'rebuilding the document failed');
        this.held = null;
        this.poison('rebuild failed');
      },
    ).finally(() => {
      this.rebuilding = null;
    });
  }

  private applyAwareness(connection: Connection, entries: AwarenessEntry[]): void {
    const accepted: AwarenessEntry[] = [];
    for (const entry of entries) {
      // A connection speaks only for its own presence. y-websocket clients echo every state
      // they receive; an echo of someone else's (present, or claimed elsewhere) is dropped.
      const own = connection.awarenessClientIds.has(entry.clientId);
      if (!own && (this.awareness.getStates().has(entry.clientId) || this.isClaimedByOther(connection, entry.clientId))) {
        continue;
      }
      // Identity comes from the server: whatever the client put in `member` is replaced.
      const state = entry.state === null ? null : { ...entry.state, member: connection.member };
      accepted.push({ clientId: entry.clientId, clock: entry.clock, state });
    }
    if (accepted.length === 0) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(accepted), connection);
  }

  private isClaimedByOther(connection: Connection, clientId: number): boolean {
    for (const other of this.connections) {
      if (other !== connection && other.awarenessClientIds.has(clientId)) return true;
    }
    return false;
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOAD_ORIGIN) return;
    if (!(origin instanceof Connection)) throw new Error('a room document changed without a connection as origin');
    const write = { update, origin, at: Date.now() };
    if (this.applying) this.applying.push(write);
    else this.enqueue(write);
  };

  private enqueue(write: PendingWrite): void {
    this.queued.push(write);
    this.enqueued++;
    if (!this.flushing) this.flushing = this.flush();
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    const connection = this.connections.has(origin as Connection) ? (origin as Connection) : null;
    if (connection) {
      for (const clientId of [...added, ...updated]) connection.awarenessClientIds.add(clientId);
      for (const clientId of removed) connection.awarenessClientIds.delete(clientId);
    }
    const message = encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const peer of this.connections) peer.send(message);
  };

  /** Commits queued updates in order, one batch at a time, and forwards each after its commit. */
  private async flush(): Promise<void> {
    while (this.queued.length > 0 && !this.poisoned) {
      const batch = this.queued;
      this.queued = [];
      try {
        await Promise.all(
          batch.map((write) =>
            this.storage.appendUpdate(this.name.workspaceId, this.name.docId, write.update, {
              memberId: write.origin.identity.memberId,
              at: write.at,
            }),
          ),
        );
      } catch (error) {
        this.logger.error(
          { room: this.name.key, updates: batch.length, err: error },
          'storing updates failed; nothing was forwarded',
        );
        this.poison('storing failed');
        break;
      }
      this.committed += batch.length;
      this.logLength += batch.length;
      for (const write of batch) this.forward(write);
      this.releaseCommitWaiters();
      this.maybeCompact();
    }
    this.flushing = null;
  }

  private forward(write: PendingWrite): void {
    const message = encodeUpdate(write.update);
    for (const connection of this.connections) {
      if (connection !== write.origin) connection.send(message);
    }
  }

  private releaseCommitWaiters(): void {
    const ready = this.commitWaiters.filter((waiter) => waiter.target <= this.committed);
    if (ready.length === 0) return;
    this.commitWaiters = this.commitWaiters.filter((waiter) => waiter.target > this.committed);
    for (const waiter of ready) waiter.resolve();
  }

  private maybeCompact(): void {
    if (this.compacting || this.logLength < this.options.compactAfterUpdates) return;
    const started = Date.now();
    this.compacting = this.storage
      .compact(this.name.workspaceId, this.name.docId)
      .then(() => {
        this.logger.info({ room: this.name.key, updates: this.logLength, ms: Date.now() - started }, 'compacted');
        this.logLength = 0;
      })
      .catch((error: unknown) => {
        // The log is intact, so nothing is lost; the next commit tries again.
        this.logger.error({ room: this.name.key, err: error }, 'compaction failed');
      })
      .finally(() => {
        this.compacting = null;
      });
  }

  private refuse(connection: Connection, error: Error): void {
    const isProtocol = error instanceof ProtocolError;
    this.logger.warn(
      { room: this.name.key, connection: connection.id, member: connection.identity.memberId, reason: error.message },
      isProtocol ? 'bad message; closing connection' : 'update could not be applied; closing connection',
    );
    connection.close(CloseCode.badMessage, 'bad message');
  }

  private poison(reason: string): void {
    if (this.poisoned) return;
    this.poisoned = true;
    this.logger.error({ room: this.name.key, reason }, 'room dropped; clients will reload it from storage');
    this.closeAll(CloseCode.storeFailed, 'document state could not be stored');
    for (const waiter of this.commitWaiters) waiter.resolve();
    this.commitWaiters = [];
    this.options.onPoisoned(this);
  }
}
