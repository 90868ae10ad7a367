/**
 * A hand-driven collaboration socket inside a page, for tests that play a
 * misbehaving client: it uses the page's cookie (so it is that member), but
 * sends whatever bytes the test builds here in Node with the Yjs protocols.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Page } from 'playwright-core';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { appendBlocks } from '../../shared/schema/richText.ts';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP_2 = 1;

interface RawSocketWindow {
  __rawCollab: { ws: WebSocket; inbox: number[][] };
}

export interface RawCollabSocket {
  send(message: Uint8Array): Promise<void>;
  /** Waits for the first received message that starts with these bytes. */
  waitForMessage(prefix: readonly number[]): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function openRawCollabSocket(page: Page, workspaceId: string, docId: string): Promise<RawCollabSocket> {
  await page.evaluate(async (path) => {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${scheme}//${location.host}${path}`);
    ws.binaryType = 'arraybuffer';
    const inbox: number[][] = [];
    ws.onmessage = (event) => inbox.push(Array.from(new Uint8Array(event.data as ArrayBuffer)));
    (window as unknown as RawSocketWindow).__rawCollab = { ws, inbox };
    await new Promise<void>((resolve, reject) => {
      ws.onopen = () => resolve();
      ws.onerror = () => reject(new Error(`raw collab socket to ${path} failed`));
    });
  }, `/collab/${workspaceId}/${docId}`);

  return {
    async send(message) {
      await page.evaluate((bytes) => {
        (window as unknown as RawSocketWindow).__rawCollab.ws.send(new Uint8Array(bytes));
      }, Array.from(message));
    },
    async waitForMessage(prefix) {
      const handle = await page.waitForFunction(
        (start) =>
          (window as unknown as RawSocketWindow).__rawCollab.inbox.find((message) =>
            start.every((byte, i) => message[i] === byte),
          ),
        [...prefix],
      );
      const bytes = (await handle.jsonValue()) as number[];
      return new Uint8Array(bytes);
    },
    async close() {
      await page.evaluate(() => (window as unknown as RawSocketWindow).__rawCollab.ws.close());
    },
  };
}

/** A sync update that adds a paragraph with this text to the rich text. */
export function paragraphUpdateMessage(text: string): Uint8Array {
  const doc = new Y.Doc();
  appendBlocks(doc, [{ type: 'paragraph', text }]);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(encoder);
}

/** "Send me everything": sync step 1 with an empty state vector. */
export function syncStep1Message(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  return encoding.toUint8Array(encoder);
}

export const SYNC_STEP_2_PREFIX = [MESSAGE_SYNC, SYNC_STEP_2] as const;

/** The server's document, read from its sync step 2 answer. */
export function docFromSyncStep2(message: Uint8Array): Y.Doc {
  const decoder = decoding.createDecoder(message);
  decoding.readVarUint(decoder); // message type: sync
  decoding.readVarUint(decoder); // sync type: step 2
  const doc = new Y.Doc();
  Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  return doc;
}

/** An awareness message for a made-up client with exactly this state. */
export function awarenessMessage(state: Record<string, unknown>): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(state);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
  awareness.destroy();
  return encoding.toUint8Array(encoder);
}

/**
 * A caret position (as y-tiptap writes it) a few letters into the first block.
 * Not at its very start: y-tiptap ignores carets that resolve to position 1.
 */
export function caretInFirstBlock(doc: Y.Doc, offset = 2): { anchor: unknown; head: unknown } {
  const first = doc.getXmlFragment('default').get(0);
  const text = first instanceof Y.XmlElement ? first.get(0) : null;
  if (!(text instanceof Y.XmlText)) throw new Error('the document does not start with a block of text');
  const position = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, offset));
  return { anchor: position, head: position };
}
