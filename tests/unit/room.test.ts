/**
 * The protocol handler (server/sync/Room.ts) driven directly through fake
 * sockets, over real SQLite storage.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode, MessageType } from '../../shared/protocol.ts';
import { parseDocId, parseWorkspaceId, roomName } from '../../shared/rooms.ts';
import { createLogger } from '../../server/logger.ts';
import { openSqliteStorage } from '../../server/storage/sqlite.ts';
import type { Storage } from '../../server/storage/Storage.ts';
import { Connection } from '../../server/sync/Connection.ts';
import { LOAD_ORIGIN } from '../../server/sync/loadStoredDoc.ts';
import { Room } from '../../server/sync/Room.ts';
import type { Access } from '../../shared/members.ts';
import { FakeSocket } from '../helpers/fakeSocket.ts';

const name = roomName(parseWorkspaceId('ws1')!, parseDocId('doc1')!);
const logger = createLogger('silent');

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function updateMessage(update: Uint8Array): Uint8Array {
  return syncMessage((encoder) => syncProtocol.writeUpdate(encoder, update));
}

function awarenessMessage(awareness: awarenessProtocol.Awareness): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(
    encoder,
    awarenessProtocol.encodeAwarenessUpdate(awareness, [...awareness.getStates().keys()]),
  );
  return encoding.toUint8Array(encoder);
}

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

/** Storage that holds appends until released: to see what the room does before a commit. */
function gatedStorage(storage: Storage) {
  const held: (() => void)[] = [];
  let gated = true;
  const gate: Storage = Object.create(storage) as Storage;
  gate.appendUpdate = (...args) =>
    new Promise<void>((resolve) => (gated ? held.push(resolve) : resolve())).then(() => storage.appendUpdate(...args));
  return {
    storage: gate,
    release() {
      gated = false;
      for (const resolve of held.splice(0)) resolve();
    },
  };
}

async function stored(storage: Storage): Promise<string> {
  const document = await storage.loadDocument(name.workspaceId, name.docId);
  return textOf([...(document.snapshot ? [document.snapshot] : []), ...document.updates.map((row) => row.update)]);
}

describe('Room', () => {
  let dataDir: string;
  let storage: Storage;

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'samenspel-room-'));
    storage = await openSqliteStorage({ dataDir });
  });

  afterEach(async () => {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function makeRoom(roomStorage: Storage = storage): Room {
    const loaded = { doc: new Y.Doc(), logLength: 0, lastSeq: 0, snapshotBytes: 0 };
    return new Room(name, roomStorage, { compactAfterUpdates: 1000, logger, onPoisoned: () => {}, onEmpty: () => {} }, loaded);
  }

  function connect(room: Room, access: Access = 'edit', memberName = 'Fatima') {
    const socket = new FakeSocket();
    const connection = new Connection(socket, name, { memberId: `m-${memberName}`, name: memberName, role: 'resident', access });
    room.addConnection(connection);
    return { socket, connection };
  }

  it('opens with its state vector and answers sync step 1 with the missing state', () => {
    const room = makeRoom();
    Y.applyUpdate(room.doc, textUpdate('hallo'), LOAD_ORIGIN);
    const { socket, connection } = connect(room);
    expect(socket.ofKind('syncStep1')).toHaveLength(1);
    room.receive(connection, syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, new Y.Doc())));
    const [step2] = socket.ofKind('syncStep2');
    expect(textOf([step2!.payload])).toBe('hallo');
  });

  it('stores an update before forwarding it, and never echoes it to its sender', async () => {
    const gate = gatedStorage(storage);
    const room = makeRoom(gate.storage);
    const writer = connect(room, 'edit', 'Fatima');
    const reader = connect(room, 'edit', 'Jan');

    room.receive(writer.connection, updateMessage(textUpdate('Doel: een speeltuin')));
    await Promise.resolve();
    expect(reader.socket.ofKind('update')).toHaveLength(0);

    gate.release();
    await room.whenStored();
    expect(await stored(storage)).toBe('Doel: een speeltuin');
    expect(textOf(reader.socket.ofKind('update').map((m) => m.payload))).toBe('Doel: een speeltuin');
    expect(writer.socket.ofKind('update')).toHaveLength(0);
  });

  it('holds back a sync step 2 that contains uncommitted updates until they are stored', async () => {
    const gate = gatedStorage(storage);
    const room = makeRoom(gate.storage);
    const writer = connect(room);
    const newcomer = connect(room, 'edit', 'Jan');
    room.receive(writer.connection, updateMessage(textUpdate('nog niet opgeslagen')));
    room.receive(newcomer.connection, syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, new Y.Doc())));
    expect(newcomer.socket.ofKind('syncStep2')).toHaveLength(0);

    gate.release();
    await room.whenStored();
    await Promise.resolve();
    expect(textOf(newcomer.socket.ofKind('syncStep2').map((m) => m.payload))).toBe('nog niet opgeslagen');
  });

  it('drops updates from a view-only member: not applied, not stored, not forwarded', async () => {
    const room = makeRoom();
    const viewer = connect(room, 'view', 'Gemeente');
    const editor = connect(room, 'edit', 'Jan');
    room.receive(viewer.connection, updateMessage(textUpdate('mag niet')));
    await room.whenStored();
    expect(room.doc.getText('t').toString()).toBe('');
    expect(editor.socket.ofKind('update')).toHaveLength(0);
    expect(await stored(storage)).toBe('');
    expect(viewer.socket.closed).toBeNull();
  });

  it('stores nothing for an update the document already holds', async () => {
    const room = makeRoom();
    const writer = connect(room);
    const update = textUpdate('eens');
    room.receive(writer.connection, updateMessage(update));
    await room.whenStored();
    room.receive(writer.connection, updateMessage(update));
    await room.whenStored();
    const document = await storage.loadDocument(name.workspaceId, name.docId);
    expect(document.updates).toHaveLength(1);
  });

  it('stamps the member of the connection into every awareness state it relays', () => {
    const room = makeRoom();
    const speaker = connect(room, 'edit', 'Fatima');
    const listener = connect(room, 'edit', 'Jan');
    const clientDoc = new Y.Doc();
    const clientAwareness = new awarenessProtocol.Awareness(clientDoc);
    clientAwareness.setLocalState({ cursor: 1, member: { id: 'x', name: 'De Burgemeester', role: 'professional' } });
    room.receive(speaker.connection, awarenessMessage(clientAwareness));

    const received = new awarenessProtocol.Awareness(new Y.Doc());
    for (const message of listener.socket.ofKind('awareness')) {
      awarenessProtocol.applyAwarenessUpdate(received, message.payload, 'test');
    }
    const state = received.getStates().get(clientDoc.clientID);
    expect(state).toEqual({
      cursor: 1,
      member: { id: 'm-Fatima', name: 'Fatima', role: 'resident', access: 'edit' },
    });
  });

  it('lets no connection change or remove an awareness state another connection announced', () => {
    const room = makeRoom();
    const owner = connect(room, 'edit', 'Fatima');
    const intruder = connect(room, 'edit', 'Jan');
    const clientAwareness = new awarenessProtocol.Awareness(new Y.Doc());
    clientAwareness.setLocalState({ note: 'echt' });
    room.receive(owner.connection, awarenessMessage(clientAwareness));
    clientAwareness.setLocalState({ note: 'nep' });
    room.receive(intruder.connection, awarenessMessage(clientAwareness));
    expect(room.awareness.getStates().get(clientAwareness.clientID)).toMatchObject({
      note: 'echt',
      member: { name: 'Fatima' },
    });
  });

  it('drops a connection’s echo of a presence it does not own, even one no local connection claims', () => {
    const room = makeRoom();
    const echoer = connect(room, 'edit', 'Jan');
    // A state that reached the room without a local owner (as from another server process).
    const elsewhere = new awarenessProtocol.Awareness(new Y.Doc());
    elsewhere.setLocalState({ note: 'van elders', member: { id: 'm-Fatima', name: 'Fatima' } });
    awarenessProtocol.applyAwarenessUpdate(
      room.awareness,
      awarenessProtocol.encodeAwarenessUpdate(elsewhere, [elsewhere.clientID]),
      'elsewhere',
    );
    // y-websocket clients send every state they receive back, at the same or a higher clock.
    elsewhere.setLocalState({ note: 'van elders', member: { id: 'm-Fatima', name: 'Fatima' } });
    room.receive(echoer.connection, awarenessMessage(elsewhere));
    expect(room.awareness.getStates().get(elsewhere.clientID)).toMatchObject({ member: { name: 'Fatima' } });
    expect(echoer.connection.awarenessClientIds.has(elsewhere.clientID)).toBe(false);
  });

  it('removes a connection’s awareness states when it leaves, and tells the others', () => {
    const room = makeRoom();
    const leaver = connect(room, 'edit', 'Fatima');
    const stayer = connect(room, 'edit', 'Jan');
    const clientAwareness = new awarenessProtocol.Awareness(new Y.Doc());
    clientAwareness.setLocalState({ here: true });
    room.receive(leaver.connection, awarenessMessage(clientAwareness));
    const before = stayer.socket.ofKind('awareness').length;

    room.removeConnection(leaver.connection);
    expect(room.awareness.getStates().has(clientAwareness.clientID)).toBe(false);
    const received = new awarenessProtocol.Awareness(new Y.Doc());
    for (const message of stayer.socket.ofKind('awareness')) {
      awarenessProtocol.applyAwarenessUpdate(received, message.payload, 'test');
    }
    expect(stayer.socket.ofKind('awareness').length).toBe(before + 1);
    expect(received.getStates().has(clientAwareness.clientID)).toBe(false);
  });

  it.each([
    ['random bytes', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])],
    ['an unknown message type', new Uint8Array([7])],
    ['an unknown sync type', new Uint8Array([0, 9, 0])],
    ['a truncated message', new Uint8Array([0, 2, 50, 1, 2])],
    ['a corrupt update', updateMessage(new Uint8Array([1, 1, 200, 200, 200, 1, 77, 77]))],
    ['an awareness state that is not JSON', new Uint8Array([1, 5, 1, 1, 1, 1, 0x7b])],
  ])('closes only the sender on %s, and changes nothing', async (_label, bad) => {
    const room = makeRoom();
    const good = connect(room, 'edit', 'Jan');
    room.receive(good.connection, updateMessage(textUpdate('blijft')));
    await room.whenStored();
    const attacker = connect(room, 'edit', 'Kwaad');

    room.receive(attacker.connection, bad);
    expect(attacker.socket.closed?.code).toBe(CloseCode.badMessage);
    expect(good.socket.closed).toBeNull();
    expect(room.isPoisoned).toBe(false);
    expect(room.doc.getText('t').toString()).toBe('blijft');
    expect(await stored(storage)).toBe('blijft');
  });
});
