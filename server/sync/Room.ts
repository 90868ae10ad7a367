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
 * If a write fails, nothing of it is forwarded, its writers are closed (4501;
 * their clients keep the edits and resend them), and the document is rebuilt
 * from storage, so its unstored state is never served while every other
 * connection stays. Only when storage cannot even be read is the room poisoned:
 * every connection is closed and the room dropped.
 *
 * A room loaded from storage does not build its Y.Doc at once (about 0.5 s for a
 * 2 MB document, during which the process serves nobody): until a message needs
 * the document (an edit, a client that already holds part of it, an update from
 * another process), the room greets with the state vector of the stored bytes
 * and answers a fresh client (empty state vector) with those bytes as they are.
 * A room that only readers open is never built. Nothing is written while the
 * document is unbuilt, so the stored bytes are exactly what the room holds.
 *
 * With several server processes (fan-out, `peers`), a committed update is also
 * published, with its place in the document's log; updates other processes
 * committed arrive through `receiveFromPeers` and go to the local connections
 * only (origins.ts). The room tracks which part of the log it holds
 * (UpdateChain.ts); when a message went missing it reads the log back from
 * storage (`catchUp`). Presence crosses too, each process publishing the
 * changes of its own connections, `member` already stamped.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol.ts';
import type { RoomName } from '../../shared/rooms.ts';
import type { Logger } from '../logger.ts';
import type { FanoutMessage } from '../fanout/Fanout.ts';
import type { AppendedUpdate, DocumentStorage } from '../storage/Storage.ts';
import { Connection } from './Connection.ts';
import { consentViolation } from './consentGuard.ts';
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
  type MessageLimits,
} from './messages.ts';
import {
  buildStoredDoc,
  isEmptyStoredDoc,
  loadStoredDoc,
  mergedStoredUpdate,
  readCheckedStoredDoc,
  type LoadedDoc,
  type ReadDoc,
} from './loadStoredDoc.ts';
import { CATCH_UP_ORIGIN, classifyOrigin, REMOTE_ORIGIN } from './origins.ts';
import { UpdateChain } from './UpdateChain.ts';

const DEFAULT_CATCH_UP_AFTER_MS = 200;
const DEFAULT_ANNOUNCE_HEAD_AFTER_MS = 1000;
const DEFAULT_MAX_PENDING_BYTES = 1024 * 1024;
/**
 * A document at least this large keeps its whole encoded state for the next fresh client
 * until it changes (2 MB costs about 85 ms to encode); a small one is cheaper to encode again.
 */
const KEEP_FULL_STATE_FROM_BYTES = 64 * 1024;
/** A y-websocket provider announces one awareness client; a few more allow for reloads on one socket. */
const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 16;

interface PendingWrite {
  update: Uint8Array;
  origin: Connection;
  /** When the update reached the server, for the log record. */
  at: number;
}

/** What the room sends to the other server processes: the smallest part of Fanout it uses. */
export interface RoomPeers {
  publish(message: FanoutMessage): void;
}

/** The fan-out messages that concern one room. */
export type RoomPeerMessage = Extract<FanoutMessage, { room: RoomName }>;

export interface RoomOptions {
  compactAfterUpdates: number;
  logger: Logger;
  /** The other server processes serving this document; absent when this process is the only one. */
  peers?: RoomPeers;
  /** How long a gap in the update chain may stay open (a message late or lost) before reading the log back. */
  catchUpAfterMs?: number;
  /** After this long without a local commit, the room tells the others how far the log has come. */
  announceHeadAfterMs?: number;
  /** What one incoming message may contain (messages.ts); the defaults when absent. */
  messageLimits?: MessageLimits;
  /** A document whose encoded state would grow past this refuses further updates (4413); no limit when absent. */
  maxDocumentBytes?: number;
  /** Bytes of updates with missing dependencies the document may hold before their sender is refused. */
  maxPendingBytes?: number;
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
  /** How many times a write failed; a reply computed before a failure may hold unstored state. */
  private failedWrites = 0;
  /**
   * At least the document's encoded size: stored bytes at load plus every change since.
   * Merging only shrinks, so the exact size is computed only when this says the limit is near.
   */
  private sizeEstimate: number;
  private destroyed = false;
  private readonly logger: Logger;
  /** The whole document encoded (large documents only), until its next change. */
  private fullState: Uint8Array | null = null;
  /** What storage held at load while the Y.Doc is not built yet; null once it is. */
  private unbuilt: { stored: ReadDoc['stored']; merged: Uint8Array | null; stateVector: Uint8Array } | null = null;
  /**
   * Decision lists: a connection's updates that refer to what it has not sent yet. A client that
   * comes back online may send a new edit before its sync step 2 with the offline work it builds on;
   * the consent guard can only judge the two together, so the edit waits (unapplied, unstored).
   */
  private readonly awaitingEarlierPart = new Map<Connection, Uint8Array>();

  // Several processes (fan-out); inert without peers.
  private chain: UpdateChain;
  /** The highest seq this process committed for the document. */
  private lastOwnSeq = 0;
  private catchingUp: Promise<void> | null = null;
  private catchUpRequested = false;
  private catchUpTimer: NodeJS.Timeout | null = null;
  private announceTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly name: RoomName,
    private readonly storage: DocumentStorage,
    private readonly options: RoomOptions,
    loaded: LoadedDoc | ReadDoc,
  ) {
    this.logger = options.logger;
    this.logLength = loaded.logLength;
    this.sizeEstimate = loaded.storedBytes ?? loaded.snapshotBytes;
    if ('doc' in loaded) {
      this.currentDoc = loaded.doc;
    } else if (isEmptyStoredDoc(loaded.stored) || !loaded.stateVector) {
      this.currentDoc = isEmptyStoredDoc(loaded.stored) ? new Y.Doc({ gc: true }) : buildStoredDoc(loaded.stored);
    } else {
      // A stand-in until build(); it never holds content.
      this.currentDoc = new Y.Doc({ gc: true });
      this.unbuilt = { stored: loaded.stored, merged: loaded.merged ?? null, stateVector: loaded.stateVector };
    }
    this.chain = new UpdateChain(loaded.lastSeq);
    // The server itself has no presence in the document.
    this.awareness.setLocalState(null);
    this.currentDoc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Loads a room's document from storage. */
  static async load(name: RoomName, storage: DocumentStorage, options: RoomOptions): Promise<Room> {
    return new Room(name, storage, options, await readCheckedStoredDoc(storage, name));
  }

  get doc(): Y.Doc {
    this.build();
    return this.currentDoc;
  }

  get hasPendingWrites(): boolean {
    return this.enqueued !== this.committed || this.compacting !== null || this.held !== null;
  }

  get isPoisoned(): boolean {
    return this.poisoned;
  }

  /** Updates in the log after the last snapshot (as far as this process knows). */
  get uncompactedUpdates(): number {
    return this.logLength;
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
    const stateVector = this.unbuilt ? this.unbuilt.stateVector : Y.encodeStateVector(this.currentDoc);
    connection.send(encodeSyncStep1(stateVector));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      connection.send(
        encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])),
      );
    }
  }

  removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.awaitingEarlierPart.delete(connection);
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
      message = parseMessage(data, this.options.messageLimits);
    } catch (error) {
      this.refuse(connection, error as Error);
      return;
    }
    try {
      this.handle(connection, message);
    } catch (error) {
      // A message must never take the process down: whatever it broke costs its own connection.
      this.logger.error(
        { room: this.name.key, connection: connection.id, kind: message.kind, err: error },
        'handling a message failed; closing connection',
      );
      connection.close(CloseCode.badMessage, 'bad message');
    }
  }

  private handle(connection: Connection, message: IncomingMessage): void {
    switch (message.kind) {
      case 'syncStep1':
        if (this.unbuilt && Y.decodeStateVector(message.stateVector).size === 0) {
          this.answerFromStoredBytes(connection, this.unbuilt);
          return;
        }
        if (!this.build()) return;
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

  /** A message from another server process about this room (fan-out). */
  receiveFromPeers(message: RoomPeerMessage): void {
    if (this.poisoned || this.destroyed) return;
    switch (message.kind) {
      case 'update':
        if (this.held) {
          this.held.push(() => this.applyRemoteUpdate(message.update, message));
          return;
        }
        this.applyRemoteUpdate(message.update, message);
        return;
      case 'head':
        this.chain.announce(message.seq);
        if (this.chain.hasGap) this.scheduleCatchUp();
        return;
      case 'awareness':
        try {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, REMOTE_ORIGIN);
        } catch (error) {
          this.logger.warn({ room: this.name.key, err: error }, 'awareness from another process could not be applied');
        }
        return;
      case 'awarenessQuery':
        this.publishLocalAwareness();
        return;
      default: {
        const unknown: never = message;
        throw new Error(`unhandled fan-out message ${JSON.stringify(unknown)}`);
      }
    }
  }

  /**
   * Reads the log after the part the room holds back from storage and applies
   * it, for updates whose fan-out message was lost (a gap in the chain, a
   * Redis reconnect). Concurrent calls share one run; a call during a run
   * makes it go round once more.
   */
  catchUp(): Promise<void> {
    if (this.poisoned || this.destroyed) return Promise.resolve();
    this.catchUpRequested = true;
    this.catchingUp ??= this.runCatchUp().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  /** Tells the other processes how far this document's log has come (after a reconnect). */
  announceHead(): void {
    const seq = Math.max(this.chain.head, this.lastOwnSeq);
    if (!this.options.peers || seq === 0) return;
    this.options.peers.publish({ kind: 'head', room: this.name, seq });
    this.logger.debug({ room: this.name.key, seq }, 'head announced');
  }

  /** Publishes the presence of this process's own connections (for a process that just opened the room). */
  publishLocalAwareness(): void {
    if (!this.options.peers) return;
    const states = this.awareness.getStates();
    const own = [...this.connections].flatMap((connection) => [...connection.awarenessClientIds]).filter((id) => states.has(id));
    if (own.length === 0) return;
    this.options.peers.publish({
      kind: 'awareness',
      room: this.name,
      update: awarenessProtocol.encodeAwarenessUpdate(this.awareness, own),
    });
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
    this.destroyed = true;
    this.unbuilt = null;
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer);
    if (this.announceTimer) clearTimeout(this.announceTimer);
    this.currentDoc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.currentDoc.destroy();
  }

  private answerSyncStep1(connection: Connection, stateVector: Uint8Array): void {
    if (this.held) {
      this.held.push(() => this.answerSyncStep1(connection, stateVector));
      return;
    }
    const reply = encodeSyncStep2(this.encodeMissing(stateVector));
    if (this.enqueued === this.committed) {
      connection.send(reply);
      return;
    }
    // The reply may hold updates that are not committed yet: send it after they are, or,
    // if a write failed meanwhile, compute it again from the rebuilt document.
    const failuresBefore = this.failedWrites;
    void this.whenStored().then(() => {
      if (this.poisoned || connection.isClosed) return;
      if (this.failedWrites === failuresBefore) connection.send(reply);
      else this.answerSyncStep1(connection, stateVector);
    });
  }

  /** What a client with this state vector lacks. */
  private encodeMissing(stateVector: Uint8Array): Uint8Array {
    if (Y.decodeStateVector(stateVector).size > 0) return Y.encodeStateAsUpdate(this.doc, stateVector);
    if (this.fullState) return this.fullState;
    const full = Y.encodeStateAsUpdate(this.doc);
    if (full.byteLength >= KEEP_FULL_STATE_FROM_BYTES) this.fullState = full;
    return full;
  }

  /** A client that holds nothing gets everything: the stored bytes, without building the document. */
  private answerFromStoredBytes(connection: Connection, unbuilt: NonNullable<Room['unbuilt']>): void {
    unbuilt.merged ??= mergedStoredUpdate(unbuilt.stored);
    connection.send(encodeSyncStep2(unbuilt.merged));
  }

  /**
   * Builds the document from the bytes read at load, if it is not built yet.
   * False when the stored bytes cannot be built: the room is dropped (clients
   * reload it).
   */
  private build(): boolean {
    const unbuilt = this.unbuilt;
    if (!unbuilt) return !this.poisoned;
    this.unbuilt = null;
    const started = Date.now();
    let doc: Y.Doc;
    try {
      doc = buildStoredDoc(unbuilt.stored);
    } catch (error) {
      this.logger.error({ room: this.name.key, err: error }, 'building the stored document failed');
      this.poison('stored document could not be built');
      return false;
    }
    this.replaceDoc(doc);
    this.logger.debug({ room: this.name.key, ms: Date.now() - started }, 'document built');
    return true;
  }

  private replaceDoc(doc: Y.Doc): void {
    this.fullState = null;
    this.currentDoc.off('update', this.onDocUpdate);
    this.currentDoc.destroy();
    this.currentDoc = doc;
    this.currentDoc.on('update', this.onDocUpdate);
  }

  private applyClientUpdate(connection: Connection, update: Uint8Array): void {
    if (!connection.canEdit) {
      this.logger.debug({ connection: connection.id, room: this.name.key }, 'update from view-only member dropped');
      return;
    }
    // A fresh client's reply to our sync step 1 carries nothing; no reason to build for it.
    if (this.unbuilt && isEmptyUpdate(update)) return;
    if (!this.build()) return;
    if (this.wouldExceedSize(update.byteLength)) {
      this.logger.warn(
        { room: this.name.key, connection: connection.id, member: connection.identity.memberId, limit: this.options.maxDocumentBytes, bytes: this.sizeEstimate },
        'document size limit reached; update refused, closing connection',
      );
      connection.close(CloseCode.documentTooLarge, 'document too large');
      return;
    }
    const waiting = this.awaitingEarlierPart.get(connection);
    if (waiting) update = Y.mergeUpdates([waiting, update]);
    const forged = consentViolation(this.name.docId, this.currentDoc, update, connection.identity.memberId);
    this.awaitingEarlierPart.delete(connection);
    if (forged === 'unknown-reference' && update.byteLength <= (this.options.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES)) {
      this.awaitingEarlierPart.set(connection, update);
      return;
    }
    if (forged) {
      this.logger.warn({ room: this.name.key, connection: connection.id, member: connection.identity.memberId, reason: forged }, 'consent data of another member refused; closing connection');
      connection.close(CloseCode.badMessage, 'not your consent response');
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
    for (const write of writes) {
      this.sizeEstimate += write.update.byteLength;
      this.enqueue(write);
    }
    // What refers to structs the room lacks waits in the document (Yjs' pending structs),
    // re-merged with every later update. A client's updates normally depend only on what
    // it received from us; a large backlog is garbage that would grow without bound.
    const { pendingStructs, pendingDs } = this.currentDoc.store;
    const pendingBytes = (pendingStructs?.update.length ?? 0) + (pendingDs?.length ?? 0);
    if (pendingBytes > (this.options.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES)) {
      this.refuse(connection, new ProtocolError(`${pendingBytes} bytes of updates with missing dependencies`));
      this.rebuild();
    }
  }

  private wouldExceedSize(incoming: number): boolean {
    const max = this.options.maxDocumentBytes;
    if (max === undefined || this.sizeEstimate + incoming <= max) return false;
    this.sizeEstimate = Y.encodeStateAsUpdate(this.currentDoc).byteLength;
    return this.sizeEstimate + incoming > max;
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
      this.unbuilt = null;
      this.replaceDoc(loaded.doc);
      this.logLength = loaded.logLength;
      this.sizeEstimate = loaded.storedBytes ?? loaded.snapshotBytes;
      this.chain = new UpdateChain(loaded.lastSeq);
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
    const claimed = new Set(connection.awarenessClientIds);
    for (const entry of entries) {
      if (entry.state !== null) claimed.add(entry.clientId);
    }
    if (claimed.size > MAX_AWARENESS_CLIENTS_PER_CONNECTION) {
      this.refuse(connection, new ProtocolError(`more than ${MAX_AWARENESS_CLIENTS_PER_CONNECTION} awareness clients on one connection`));
      return;
    }
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
    this.fullState = null;
    const classified = classifyOrigin(origin);
    switch (classified.kind) {
      case 'load':
        return;
      case 'storedElsewhere': {
        this.sizeEstimate += update.byteLength;
        // Committed by another process (or read back from storage): only our clients still need it.
        const message = encodeUpdate(update);
        for (const connection of this.connections) connection.send(message);
        return;
      }
      case 'client': {
        const write = { update, origin: classified.connection, at: Date.now() };
        if (this.applying) this.applying.push(write);
        else this.enqueue(write);
        return;
      }
      default: {
        const unknown: never = classified;
        throw new Error(`unhandled origin ${JSON.stringify(unknown)}`);
      }
    }
  };

  private applyRemoteUpdate(update: Uint8Array, place: AppendedUpdate): void {
    if (this.poisoned || this.destroyed || this.chain.holds(place.seq)) return;
    if (!this.build()) return;
    try {
      Y.applyUpdate(this.currentDoc, update, REMOTE_ORIGIN);
    } catch (error) {
      // Stored by another process, so it applied there; whatever went wrong, storage has the truth.
      this.logger.error({ room: this.name.key, seq: place.seq, err: error }, 'update from another process failed to apply');
      this.rebuild();
      return;
    }
    this.chain.add(place.prevSeq, place.seq);
    if (this.chain.hasGap) this.scheduleCatchUp();
  }

  private scheduleCatchUp(): void {
    if (this.catchUpTimer || this.destroyed) return;
    this.catchUpTimer = setTimeout(() => {
      this.catchUpTimer = null;
      if (this.chain.hasGap) void this.catchUp();
    }, this.options.catchUpAfterMs ?? DEFAULT_CATCH_UP_AFTER_MS);
    this.catchUpTimer.unref();
  }

  private async runCatchUp(): Promise<void> {
    while (this.catchUpRequested && !this.poisoned && !this.destroyed) {
      this.catchUpRequested = false;
      if (this.rebuilding) {
        await this.rebuilding; // a rebuild reads everything anyway
        continue;
      }
      const from = this.chain.head;
      const announcedBefore = this.chain.announced;
      const started = Date.now();
      let entries: { seq: number; update: Uint8Array }[];
      try {
        entries = await this.storage.loadUpdatesAfter(this.name.workspaceId, this.name.docId, from);
      } catch (error) {
        // Nothing changed in the room; the next gap, message or reconnect tries again.
        this.logger.error({ room: this.name.key, err: error }, 'catching up from storage failed');
        this.scheduleCatchUp();
        return;
      }
      if (this.poisoned || this.destroyed) return;
      if (this.held) {
        this.catchUpRequested = true; // a rebuild started meanwhile: wait for it, then look again
        continue;
      }
      const missing = entries.filter((entry) => !this.chain.holds(entry.seq));
      if (missing.length > 0) {
        if (!this.build()) return;
        try {
          // One transaction: our clients get one update for everything caught up.
          Y.transact(
            this.currentDoc,
            () => {
              for (const entry of missing) Y.applyUpdate(this.currentDoc, entry.update, CATCH_UP_ORIGIN);
            },
            CATCH_UP_ORIGIN,
          );
        } catch (error) {
          this.logger.error({ room: this.name.key, err: error }, 'stored updates failed to apply while catching up');
          this.rebuild();
          return;
        }
      }
      const reached = entries.at(-1)?.seq ?? from;
      this.chain.caughtUpTo(reached, announcedBefore);
      this.logger.info(
        { room: this.name.key, from, to: this.chain.head, updates: missing.length, ms: Date.now() - started },
        'caught up from storage',
      );
    }
    if (this.chain.hasGap) this.scheduleCatchUp();
  }

  private scheduleAnnounce(): void {
    if (!this.options.peers || this.destroyed) return;
    if (this.announceTimer) {
      this.announceTimer.refresh(); // debounced: announce once the room has been quiet for a while
      return;
    }
    this.announceTimer = setTimeout(() => {
      this.announceTimer = null;
      this.announceHead();
    }, this.options.announceHeadAfterMs ?? DEFAULT_ANNOUNCE_HEAD_AFTER_MS);
    this.announceTimer.unref();
  }

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
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const message = encodeAwarenessMessage(update);
    for (const peer of this.connections) peer.send(message);
    // Our own clients' changes, including the removal when one of them left (it is no longer in
    // `connections` then); never what came from another process, nor y-protocols' own timeouts.
    if (origin instanceof Connection) this.options.peers?.publish({ kind: 'awareness', room: this.name, update });
  };

  /** Commits queued updates in order, one batch at a time, and forwards each after its commit. */
  private async flush(): Promise<void> {
    while (this.queued.length > 0 && !this.poisoned) {
      const batch = this.queued;
      this.queued = [];
      let appended: AppendedUpdate[];
      try {
        appended = await Promise.all(
          batch.map((write) =>
            this.storage.appendUpdate(this.name.workspaceId, this.name.docId, write.update, {
              memberId: write.origin.identity.memberId,
              at: write.at,
            }),
          ),
        );
      } catch (error) {
        this.refuseUnstored(batch, error);
        continue;
      }
      this.committed += batch.length;
      this.logLength += batch.length;
      batch.forEach((write, index) => this.forward(write, appended[index] as AppendedUpdate));
      this.releaseCommitWaiters();
      this.maybeCompact();
      if (this.options.peers) {
        if (this.chain.hasGap) this.scheduleCatchUp();
        this.scheduleAnnounce();
      }
    }
    this.flushing = null;
  }

  /**
   * A write failed (disk full, database locked or gone). Nothing of the batch, nor
   * of what was queued behind it (it may depend on the batch), is forwarded. Its
   * writers are closed with 4501; they keep their edits and resend them when they
   * reconnect. Everyone else stays: the document is rebuilt from storage (reads
   * still work), so no unstored state is ever served, and the room takes updates
   * again as soon as writes succeed.
   */
  private refuseUnstored(batch: PendingWrite[], error: unknown): void {
    const failed = [...batch, ...this.queued];
    this.queued = [];
    this.failedWrites++;
    this.committed += failed.length; // settled, not stored: waiters re-check failedWrites
    const writers = new Set(failed.map((write) => write.origin));
    this.logger.error(
      { room: this.name.key, updates: failed.length, writers: writers.size, err: error },
      'storing updates failed; nothing was forwarded, writers closed, document reloads from storage',
    );
    for (const writer of writers) writer.close(CloseCode.storeFailed, 'update could not be stored');
    this.rebuild();
    this.releaseCommitWaiters();
  }

  /** After the commit: to the other local connections, and to the other processes. */
  private forward(write: PendingWrite, place: AppendedUpdate): void {
    const message = encodeUpdate(write.update);
    for (const connection of this.connections) {
      if (connection !== write.origin) connection.send(message);
    }
    this.chain.add(place.prevSeq, place.seq);
    this.lastOwnSeq = Math.max(this.lastOwnSeq, place.seq);
    this.options.peers?.publish({ kind: 'update', room: this.name, update: write.update, ...place });
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

/** The update Yjs encodes for "nothing": no structs, no deletions (format v1). */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}
