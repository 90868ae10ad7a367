/**
 * A room loaded from storage answers a fresh client from the stored bytes
 * before it builds its Y.Doc (server/sync/Room.ts), over real SQLite storage
 * and fake sockets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as encoding from 'lib0/encoding';
import pino from 'pino';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageType } from '../../shared/protocol.ts';
import { parseDocId, parseWorkspaceId, roomName } from '../../shared/rooms.ts';
import { createLogger } from '../../server/logger.ts';
import { openSqliteStorage } from '../../server/storage/sqlite.ts';
import type { Storage } from '../../server/storage/Storage.ts';
import { Connection } from '../../server/sync/Connection.ts';
import { Room } from '../../server/sync/Room.ts';
import { FakeSocket } from '../helpers/fakeSocket.ts';

const name = roomName(parseWorkspaceId('ws1')!, parseDocId('doc1')!);
const origin = { memberId: 'm-1', at: 1_700_000_000_000 };

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function step1Of(doc: Y.Doc): Uint8Array {
  return syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, doc));
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

describe('Room loaded from storage', () => {
  let dataDir: string;
  let storage: Storage;
  const rooms: Room[] = [];
  /** The writer's document: what was stored, to build clients that already hold some of it. */
  let source: Y.Doc;

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'samenspel-roomload-'));
    storage = await openSqliteStorage({ dataDir });
    source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (update: Uint8Array) => updates.push(update));
    const text = source.getText('t');
    for (const word of ['Doel: ', 'een ', 'speeltuin ']) text.insert(text.length, word);
    // A snapshot with a log after it: the answer must merge both.
    await storage.appendUpdate(name.workspaceId, name.docId, updates[0]!, origin);
    await storage.compact(name.workspaceId, name.docId);
    for (const update of updates.slice(1)) await storage.appendUpdate(name.workspaceId, name.docId, update, origin);
  });

  afterEach(async () => {
    for (const room of rooms.splice(0)) room.destroy();
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function loadRoom(logLines: string[] = []): Promise<Room> {
    const logger = pino({ level: 'debug' }, { write: (line: string) => logLines.push((JSON.parse(line) as { msg: string }).msg) });
    const room = await Room.load(name, storage, { compactAfterUpdates: 1000, logger, onPoisoned: () => {}, onEmpty: () => {} });
    rooms.push(room);
    return room;
  }

  function connect(room: Room) {
    const socket = new FakeSocket();
    const connection = new Connection(socket, name, { memberId: 'm-1', name: 'Fatima', role: 'resident', access: 'edit' });
    room.addConnection(connection);
    return { socket, connection };
  }

  it('greets with the stored state vector and answers a fresh client with the stored snapshot and log, without building', async () => {
    const logs: string[] = [];
    const room = await loadRoom(logs);
    const fresh = connect(room);
    const [step1] = fresh.socket.ofKind('syncStep1');
    expect(Y.decodeStateVector(step1!.payload)).toEqual(Y.decodeStateVector(Y.encodeStateVector(source)));
    room.receive(fresh.connection, step1Of(new Y.Doc()));
    const [step2] = fresh.socket.ofKind('syncStep2');
    expect(textOf([step2!.payload])).toBe('Doel: een speeltuin ');
    // What a fresh y-websocket client answers to our sync step 1: nothing, and no reason to build.
    room.receive(fresh.connection, syncMessage((encoder) => syncProtocol.writeSyncStep2(encoder, new Y.Doc())));
    expect(logs).not.toContain('document built');

    // An edit needs the document: it is built, and the edit is stored and forwarded as ever.
    const other = connect(room);
    const client = new Y.Doc();
    Y.applyUpdate(client, step2!.payload);
    const edits: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => edits.push(update));
    client.getText('t').insert(client.getText('t').length, 'bij de school');
    room.receive(fresh.connection, syncMessage((encoder) => syncProtocol.writeUpdate(encoder, edits[0]!)));
    expect(logs).toContain('document built');
    await room.whenStored();
    expect(textOf([step2!.payload, ...other.socket.ofKind('update').map((message) => message.payload)])).toBe(
      'Doel: een speeltuin bij de school',
    );
    const stored = await storage.loadDocument(name.workspaceId, name.docId);
    expect(textOf([stored.snapshot!, ...stored.updates.map((row) => row.update)])).toBe('Doel: een speeltuin bij de school');
    expect(room.doc.getText('t').toString()).toBe('Doel: een speeltuin bij de school');
  });

  it('gives a client that holds part of the document only the rest, from the built document', async () => {
    const room = await loadRoom();
    const partial = new Y.Doc();
    const stored = await storage.loadDocument(name.workspaceId, name.docId);
    Y.applyUpdate(partial, stored.snapshot!);
    const client = connect(room);
    room.receive(client.connection, step1Of(partial));

    const [step2] = client.socket.ofKind('syncStep2');
    Y.applyUpdate(partial, step2!.payload);
    expect(partial.getText('t').toString()).toBe(source.getText('t').toString());
    expect(step2!.payload.byteLength).toBeLessThan(Y.encodeStateAsUpdate(source).byteLength);
    expect(client.socket.ofKind('syncStep1')).toHaveLength(1);
  });

  it('fails to load when the stored bytes do not decode, so no client is sent them', async () => {
    const corrupt = new Uint8Array([1, 1, 200, 200, 200, 1, 77, 77]);
    await storage.appendUpdate(name.workspaceId, 'kapot', corrupt, origin);
    const broken = roomName(name.workspaceId, parseDocId('kapot')!);
    const logger = createLogger('silent');
    await expect(
      Room.load(broken, storage, { compactAfterUpdates: 1000, logger, onPoisoned: () => {}, onEmpty: () => {} }),
    ).rejects.toThrow();
  });
});

describe('Room answering fresh clients of a large document', () => {
  it('keeps the encoded state for the next fresh client only until the document changes', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'samenspel-fullstate-'));
    const storage = await openSqliteStorage({ dataDir });
    const source = new Y.Doc();
    source.getText('t').insert(0, 'plan '.repeat(20_000)); // 100 KB: large enough to be kept
    const loaded = { doc: source, logLength: 0, lastSeq: 0, snapshotBytes: 0 };
    const room = new Room(name, storage, { compactAfterUpdates: 1000, logger: createLogger('silent'), onPoisoned: () => {}, onEmpty: () => {} }, loaded);
    const freshText = () => {
      const socket = new FakeSocket();
      const connection = new Connection(socket, name, { memberId: 'm-1', name: 'Jan', role: 'resident', access: 'edit' });
      room.addConnection(connection);
      room.receive(connection, step1Of(new Y.Doc()));
      return { connection, text: textOf(socket.ofKind('syncStep2').map((message) => message.payload)) };
    };
    try {
      const first = freshText();
      expect(first.text).toBe('plan '.repeat(20_000));
      expect(freshText().text).toBe(first.text);

      const writer = new Y.Doc();
      Y.applyUpdate(writer, Y.encodeStateAsUpdate(source));
      const edits: Uint8Array[] = [];
      writer.on('update', (update: Uint8Array) => edits.push(update));
      writer.getText('t').insert(0, 'Nieuw: ');
      room.receive(first.connection, syncMessage((encoder) => syncProtocol.writeUpdate(encoder, edits[0]!)));
      await room.whenStored();
      expect(freshText().text).toBe(`Nieuw: ${'plan '.repeat(20_000)}`);
    } finally {
      room.destroy();
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
