/**
 * A Room with peers (other server processes), driven through fake sockets over
 * real SQLite: what it publishes, and what it does with what other processes
 * publish (server/sync/origins.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { FanoutMessage } from '../../server/fanout/Fanout.ts';
import { createLogger } from '../../server/logger.ts';
import { openSqliteStorage } from '../../server/storage/sqlite.ts';
import type { Storage } from '../../server/storage/Storage.ts';
import { Connection } from '../../server/sync/Connection.ts';
import { loadStoredDoc } from '../../server/sync/loadStoredDoc.ts';
import { Room } from '../../server/sync/Room.ts';
import { MessageType } from '../../shared/protocol.ts';
import { parseDocId, parseWorkspaceId, roomName } from '../../shared/rooms.ts';
import { FakeSocket } from '../helpers/fakeSocket.ts';

const name = roomName(parseWorkspaceId('ws1')!, parseDocId('doc1')!);
const logger = createLogger('silent');

/** Each call appends `s` to the text 't' of one writer's document and returns that update. */
function textWriter(): (s: string) => Uint8Array {
  const doc = new Y.Doc();
  return (s) => {
    const before = Y.encodeStateVector(doc);
    doc.getText('t').insert(doc.getText('t').length, s);
    return Y.encodeStateAsUpdate(doc, before);
  };
}

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

describe('Room with peers', () => {
  let dataDir: string;
  let storage: Storage;
  let published: FanoutMessage[];
  const rooms: Room[] = [];

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'samenspel-peers-'));
    storage = await openSqliteStorage({ dataDir });
    published = [];
  });

  afterEach(async () => {
    for (const room of rooms.splice(0)) room.destroy();
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function openRoom(options: { catchUpAfterMs?: number } = {}): Promise<Room> {
    const room = new Room(
      name,
      storage,
      {
        compactAfterUpdates: 1000,
        logger,
        onPoisoned: () => {},
        onEmpty: () => {},
        peers: { publish: (message) => published.push(message) },
        catchUpAfterMs: options.catchUpAfterMs ?? 5,
        announceHeadAfterMs: 60_000,
      },
      await loadStoredDoc(storage, name),
    );
    rooms.push(room);
    return room;
  }

  function connect(room: Room, memberName: string) {
    const socket = new FakeSocket();
    const connection = new Connection(socket, name, { memberId: `m-${memberName}`, name: memberName, role: 'resident', access: 'edit' });
    room.addConnection(connection);
    return { socket, connection };
  }

  it('publishes a client’s update after its commit, with its seq and the document’s previous seq', async () => {
    const room = await openRoom();
    const writer = connect(room, 'Fatima');
    const write = textWriter();
    room.receive(writer.connection, updateMessage(write('een')));
    room.receive(writer.connection, updateMessage(write(' twee')));
    await room.whenStored();

    const updates = published.filter((m) => m.kind === 'update');
    const stored = await storage.loadDocument(name.workspaceId, name.docId);
    expect(updates.map((m) => m.kind === 'update' && [m.seq, m.prevSeq])).toEqual([
      [stored.updates[0]!.seq, 0],
      [stored.updates[1]!.seq, stored.updates[0]!.seq],
    ]);
  });

  it('forwards an update from another process to its clients, but never stores or publishes it again', async () => {
    const room = await openRoom();
    const reader = connect(room, 'Jan');
    // Another process stored it (here: straight into the shared storage) and published it.
    const update = textWriter()('van elders');
    const place = await storage.appendUpdate(name.workspaceId, name.docId, update, { memberId: 'm-x', at: 1 });
    room.receiveFromPeers({ kind: 'update', room: name, update, ...place });
    await room.whenStored();

    expect(textOf(reader.socket.ofKind('update').map((m) => m.payload))).toBe('van elders');
    expect((await storage.loadDocument(name.workspaceId, name.docId)).updates).toHaveLength(1);
    expect(published.filter((m) => m.kind === 'update')).toEqual([]);
    // Delivered twice (Redis may), applied once.
    room.receiveFromPeers({ kind: 'update', room: name, update, ...place });
    expect(reader.socket.ofKind('update')).toHaveLength(1);
  });

  it('reads a missing update back from storage when a later one does not link to what it holds', async () => {
    const room = await openRoom();
    const reader = connect(room, 'Jan');
    const write = textWriter();
    const lost = write('<kwijt>');
    const later = write('<later>');
    await storage.appendUpdate(name.workspaceId, name.docId, lost, { memberId: 'm-x', at: 1 });
    const place = await storage.appendUpdate(name.workspaceId, name.docId, later, { memberId: 'm-x', at: 2 });

    room.receiveFromPeers({ kind: 'update', room: name, update: later, ...place });
    // Yjs keeps '<later>' pending until what it builds on arrives: the reader gets nothing yet.
    expect(room.doc.getText('t').toString()).toBe('');
    await expect.poll(() => room.doc.getText('t').toString()).toBe('<kwijt><later>');
    expect(textOf(reader.socket.ofKind('update').map((m) => m.payload))).toBe('<kwijt><later>');
    expect(published.filter((m) => m.kind === 'update')).toEqual([]);
  });

  it('publishes its own clients’ presence with the member stamped, but not presence that came from another process', async () => {
    const room = await openRoom();
    const speaker = connect(room, 'Fatima');
    const listener = connect(room, 'Jan');
    const clientAwareness = new awarenessProtocol.Awareness(new Y.Doc());
    clientAwareness.setLocalState({ cursor: 3 });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(clientAwareness, [clientAwareness.clientID]));
    room.receive(speaker.connection, encoding.toUint8Array(encoder));

    const ownPublished = published.filter((m) => m.kind === 'awareness');
    expect(ownPublished).toHaveLength(1);
    const decoded = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(decoded, (ownPublished[0] as { update: Uint8Array }).update, 'test');
    expect(decoded.getStates().get(clientAwareness.clientID)).toEqual({
      cursor: 3,
      member: { id: 'm-Fatima', name: 'Fatima', role: 'resident', access: 'edit' },
    });

    // Presence from another process reaches local clients and is not sent back out.
    const remote = new awarenessProtocol.Awareness(new Y.Doc());
    remote.setLocalState({ cursor: 9, member: { id: 'm-elders', name: 'Elders', role: 'other', access: 'edit' } });
    const before = listener.socket.ofKind('awareness').length;
    room.receiveFromPeers({ kind: 'awareness', room: name, update: awarenessProtocol.encodeAwarenessUpdate(remote, [remote.clientID]) });
    expect(listener.socket.ofKind('awareness').length).toBe(before + 1);
    expect(published.filter((m) => m.kind === 'awareness')).toHaveLength(1);

    // Asked by a process that just opened the room, it publishes its own clients' presence only.
    room.receiveFromPeers({ kind: 'awarenessQuery', room: name });
    const answer = published.filter((m) => m.kind === 'awareness').at(-1) as { update: Uint8Array };
    const answered = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(answered, answer.update, 'test');
    expect([...answered.getStates().keys()].filter((id) => id !== answered.clientID)).toEqual([clientAwareness.clientID]);
  });
});
