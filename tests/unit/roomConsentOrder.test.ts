/**
 * A client that comes back online can send a fresh edit before the sync step 2
 * that carries the offline work the edit builds on (the stock y-websocket
 * client sends local updates as soon as the socket opens). The consent guard
 * cannot judge such an edit alone; the room keeps it, unapplied and unstored,
 * until the earlier part arrives on the same connection, and then judges both
 * together. Found by the random meeting through the real server
 * (tests/integration/decisionsMeeting.test.ts), which failed about one run in
 * three under load before this.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode, MessageType } from '../../shared/protocol.ts';
import { parseDocId, parseWorkspaceId, roomName } from '../../shared/rooms.ts';
import { addDecision, readDecisions, respond } from '../../shared/schema/decisions.ts';
import { createLogger } from '../../server/logger.ts';
import { openSqliteStorage } from '../../server/storage/sqlite.ts';
import type { Storage } from '../../server/storage/Storage.ts';
import { Connection } from '../../server/sync/Connection.ts';
import { Room } from '../../server/sync/Room.ts';
import { FakeSocket } from '../helpers/fakeSocket.ts';

const name = roomName(parseWorkspaceId('ws1')!, parseDocId('decisions-w1')!);
const logger = createLogger('silent');
const AT = '2026-11-25T10:00:00.000Z';

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Fatima's offline work (a proposal and her response) and the edit she makes right after reconnecting. */
function offlineWorkThenEdit(): { earlier: Uint8Array; later: Uint8Array } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  addDecision(doc, { id: 'd1', title: 'Bankje bij de vijver', proposedBy: 'm-Fatima', at: AT });
  respond(doc, 'd1', 'm-Fatima', 'eens', '', AT);
  const earlier = Y.mergeUpdates(updates.splice(0));
  respond(doc, 'd1', 'm-Fatima', 'bedenkingen', 'Liever van hout', AT);
  return { earlier, later: Y.mergeUpdates(updates.splice(0)) };
}

describe('Room: a decision-list edit that arrives before the offline work it builds on', () => {
  let dataDir: string;
  let storage: Storage;

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'samenspel-consent-order-'));
    storage = await openSqliteStorage({ dataDir });
  });

  afterEach(async () => {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function makeRoom(maxPendingBytes?: number): Room {
    const loaded = { doc: new Y.Doc(), logLength: 0, lastSeq: 0, snapshotBytes: 0 };
    return new Room(
      name,
      storage,
      { compactAfterUpdates: 1000, logger, onPoisoned: () => {}, onEmpty: () => {}, maxPendingBytes },
      loaded,
    );
  }

  function connect(room: Room) {
    const socket = new FakeSocket();
    const connection = new Connection(socket, name, { memberId: 'm-Fatima', name: 'Fatima', role: 'resident', access: 'edit' });
    room.addConnection(connection);
    return { socket, connection };
  }

  async function storedDecisions(): Promise<ReturnType<typeof readDecisions>> {
    const document = await storage.loadDocument(name.workspaceId, name.docId);
    const doc = new Y.Doc();
    if (document.snapshot) Y.applyUpdate(doc, document.snapshot);
    for (const row of document.updates) Y.applyUpdate(doc, row.update);
    return readDecisions(doc);
  }

  it('keeps the later edit unapplied and unstored, then takes both once the earlier part arrives', async () => {
    const room = makeRoom();
    const { socket, connection } = connect(room);
    const { earlier, later } = offlineWorkThenEdit();

    room.receive(connection, updateMessage(later));
    await room.whenStored();
    expect(socket.closed).toBeNull();
    expect(readDecisions(room.doc)).toEqual([]);
    expect(await storedDecisions()).toEqual([]);

    room.receive(connection, updateMessage(earlier));
    await room.whenStored();
    expect(socket.closed).toBeNull();
    const [decision] = readDecisions(room.doc);
    expect(decision?.responses).toMatchObject([{ memberId: 'm-Fatima', kind: 'bedenkingen', note: 'Liever van hout' }]);
    expect(await storedDecisions()).toEqual(readDecisions(room.doc));
  });

  it('still refuses the pair when, taken together, it writes another member\'s response', async () => {
    const room = makeRoom();
    const { socket, connection } = connect(room);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    addDecision(doc, { id: 'd1', title: 'Bankje bij de vijver', proposedBy: 'm-Fatima', at: AT });
    const earlier = Y.mergeUpdates(updates.splice(0));
    respond(doc, 'd1', 'm-Jan', 'bezwaar', 'Namens Jan', AT);
    const later = Y.mergeUpdates(updates.splice(0));

    room.receive(connection, updateMessage(later));
    expect(socket.closed).toBeNull();
    room.receive(connection, updateMessage(earlier));
    await room.whenStored();
    expect(socket.closed?.code).toBe(CloseCode.badMessage);
    expect(readDecisions(room.doc)).toEqual([]);
    expect(await storedDecisions()).toEqual([]);
  });

  it('closes a connection whose unexplained references pile up past the pending limit', async () => {
    const room = makeRoom(4096);
    const { socket, connection } = connect(room);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    addDecision(doc, { id: 'd1', title: 'Bankje bij de vijver', proposedBy: 'm-Fatima', at: AT });
    updates.splice(0); // the part that never comes
    for (let i = 0; i < 40 && socket.closed === null; i++) {
      respond(doc, 'd1', 'm-Fatima', 'bedenkingen', `Overweging ${i}: ${'hout of steen, '.repeat(20)}`, AT);
      room.receive(connection, updateMessage(Y.mergeUpdates(updates.splice(0))));
    }
    await room.whenStored();
    expect(socket.closed?.code).toBe(CloseCode.badMessage);
    expect(await storedDecisions()).toEqual([]);
  });
});
