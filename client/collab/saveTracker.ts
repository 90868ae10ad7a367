/**
 * Knows whether every change made on this device has been stored by the server.
 *
 * How: the server answers a sync step 1 with a sync step 2 only after every
 * update it received before that step 1 is stored (server/sync/Room.ts,
 * "stored before forwarded"). So after local changes we send our own step 1
 * on the open connection; its answer proves that everything sent before it is
 * stored. Changes are counted, each request remembers the count it covers,
 * and answers come back in the order the requests went out.
 *
 * Why not compare state vectors: a deletion does not change a state vector,
 * so "opgeslagen" could show for a deletion the server has not stored yet.
 *
 * The first step 2 on every connection answers y-websocket's own step 1 (sent
 * when the socket opens, before this device's offline changes are sent), so it
 * proves nothing about our changes and is not counted.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageSync, type WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

/** Wait this long after the last change before asking, so typing does not cause a request per key. */
const ASK_AFTER_MS = 250;

type SyncHandler = WebsocketProvider['messageHandlers'][number];

export class SaveTracker {
  private changes = 0;
  private confirmed = 0;
  /** The change count each request in flight covers, oldest first. */
  private inFlight: number[] = [];
  private skipNextAnswer = true;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly original: SyncHandler;

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: WebsocketProvider,
  ) {
    this.original = provider.messageHandlers[messageSync]!;
    provider.messageHandlers[messageSync] = this.onSyncMessage;
    doc.on('update', this.onUpdate);
    provider.on('status', this.onStatus);
  }

  /** True when the server has stored every change made on this device so far. */
  get saved(): boolean {
    return this.confirmed >= this.changes;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.doc.off('update', this.onUpdate);
    this.provider.off('status', this.onStatus);
    this.provider.messageHandlers[messageSync] = this.original;
    this.listeners.clear();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown): void => {
    // What came from the server is stored there already; anything else (typing,
    // the offline cache loading) must be confirmed.
    if (origin === this.provider) return;
    const wasSaved = this.saved;
    this.changes++;
    if (wasSaved) this.notify();
    this.scheduleAsk();
  };

  private readonly onStatus = ({ status }: { status: string }): void => {
    // A new connection: answers to requests on the old one will never come.
    this.inFlight = [];
    this.skipNextAnswer = true;
    if (status === 'connected') this.scheduleAsk();
  };

  private readonly onSyncMessage: SyncHandler = (encoder, decoder, provider, emitSynced, messageType) => {
    const peek = decoding.clone(decoder);
    const syncType = decoding.readVarUint(peek);
    this.original(encoder, decoder, provider, emitSynced, messageType);
    if (syncType !== syncProtocol.messageYjsSyncStep2) return;
    if (this.skipNextAnswer) {
      this.skipNextAnswer = false;
      this.scheduleAsk();
      return;
    }
    const covered = this.inFlight.shift();
    if (covered === undefined) return;
    const wasSaved = this.saved;
    this.confirmed = Math.max(this.confirmed, covered);
    if (this.saved !== wasSaved) this.notify();
    if (!this.saved) this.scheduleAsk();
  };

  private scheduleAsk(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.ask();
    }, ASK_AFTER_MS);
  }

  private ask(): void {
    const ws = this.provider.ws;
    if (this.saved || this.skipNextAnswer || !this.provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return;
    if ((this.inFlight.at(-1) ?? -1) >= this.changes) return; // a request covering these changes is out
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.inFlight.push(this.changes);
    ws.send(encoding.toUint8Array(encoder));
  }
}
