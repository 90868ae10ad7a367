/**
 * The bounded update check (server/sync/updateBounds.ts), yjs/yjs#687: every
 * update Yjs' own encoders make is accepted; every crafted update of the corpus
 * is refused quickly, before Yjs decodes it, and costs only its sender's
 * connection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol.ts';
import { parseDocId, parseWorkspaceId, roomName } from '../../shared/rooms.ts';
import { createLogger } from '../../server/logger.ts';
import { openSqliteStorage } from '../../server/storage/sqlite.ts';
import type { Storage } from '../../server/storage/Storage.ts';
import { Connection } from '../../server/sync/Connection.ts';
import { parseMessage, ProtocolError } from '../../server/sync/messages.ts';
import { Room } from '../../server/sync/Room.ts';
import { checkUpdateBounds, jsonDepth, UpdateBoundsError } from '../../server/sync/updateBounds.ts';
import { rawAwarenessMessage, syncUpdateMessage, textUpdate } from '../helpers/collab.ts';
import { FakeSocket } from '../helpers/fakeSocket.ts';
import { craftedUpdates, validUpdates } from '../helpers/updateCorpus.ts';

describe('checkUpdateBounds', () => {
  it('accepts every update Yjs encodes: single edits, whole states, merges and diffs of random documents', () => {
    let checked = 0;
    for (let seed = 1; seed <= 10; seed++) {
      for (const update of validUpdates(seed)) {
        expect(() => checkUpdateBounds(update)).not.toThrow();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  for (const crafted of craftedUpdates()) {
    it(`refuses ${crafted.name}, in under 50 ms`, () => {
      const started = performance.now();
      expect(() => checkUpdateBounds(crafted.update)).toThrow(UpdateBoundsError);
      expect(performance.now() - started).toBeLessThan(50);
      // And the wire parser turns it into a ProtocolError (close 4400), never anything else.
      expect(() => parseMessage(syncUpdateMessage(crafted.update))).toThrow(ProtocolError);
    });
  }

  it('measures JSON nesting without parsing, ignoring brackets inside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[[["}]}')).toBe(3);
    expect(jsonDepth('"{{{"')).toBe(0);
    expect(jsonDepth('[[["\\"]]]"]]]')).toBe(3);
  });

  it('refuses awareness states that are too many, too large or too deep', () => {
    const entry = (stateJson: string, clientId = 1) => ({ clientId, clock: 1, stateJson });
    const tooMany = Array.from({ length: 65 }, (_, i) => entry('{}', i + 1));
    expect(() => parseMessage(rawAwarenessMessage(tooMany))).toThrow(/awareness entries/);
    expect(() => parseMessage(rawAwarenessMessage([entry(`{"x":"${'a'.repeat(70_000)}"}`)]))).toThrow(/larger than/);
    const deep = '{"a":'.repeat(40) + '1' + '}'.repeat(40);
    expect(() => parseMessage(rawAwarenessMessage([entry(deep)]))).toThrow(/nested deeper/);
    expect(parseMessage(rawAwarenessMessage([entry('{"user":{"name":"Anna","color":"#aa3355"}}')])).kind).toBe('awareness');
  });
});

describe('a crafted update in a room', () => {
  const name = roomName(parseWorkspaceId('ws1')!, parseDocId('doc1')!);
  let dataDir: string;
  let storage: Storage;
  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'samenspel-bounds-'));
    storage = await openSqliteStorage({ dataDir });
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('costs its sender the connection (4400); the other connection goes on and nothing is stored', async () => {
    const loaded = { doc: new Y.Doc(), logLength: 0, lastSeq: 0, snapshotBytes: 0 };
    const room = new Room(name, storage, { compactAfterUpdates: 1000, logger: createLogger('silent'), onPoisoned: () => {}, onEmpty: () => {} }, loaded);
    const join = (memberName: string) => {
      const socket = new FakeSocket();
      const connection = new Connection(socket, name, { memberId: `m-${memberName}`, name: memberName, role: 'resident', access: 'edit' });
      room.addConnection(connection);
      return { socket, connection };
    };
    const healthy = join('Anna');
    for (const crafted of craftedUpdates()) {
      const attacker = join('Mallory');
      room.receive(attacker.connection, syncUpdateMessage(crafted.update));
      expect(attacker.socket.closed?.code, crafted.name).toBe(CloseCode.badMessage);
    }
    room.receive(healthy.connection, syncUpdateMessage(textUpdate('Doel: een buurtkamer', 't')));
    await room.whenStored();
    expect(healthy.socket.closed).toBeNull();
    const stored = await storage.loadDocument(name.workspaceId, name.docId);
    expect(stored.updates).toHaveLength(1);
    room.destroy();
  });

  it('refuses a sender whose updates with missing dependencies pile up past 1 MiB (4400); nothing of them is stored', async () => {
    const loaded = { doc: new Y.Doc(), logLength: 0, lastSeq: 0, snapshotBytes: 0 };
    const room = new Room(name, storage, { compactAfterUpdates: 1000, logger: createLogger('silent'), onPoisoned: () => {}, onEmpty: () => {} }, loaded);
    const socket = new FakeSocket();
    const connection = new Connection(socket, name, { memberId: 'm-Mallory', name: 'Mallory', role: 'other', access: 'edit' });
    room.addConnection(connection);
    // B writes after an item of A that the room never receives: B's update waits for it.
    const a = new Y.Doc();
    a.clientID = 1;
    a.getText('t').insert(0, 'a');
    const b = new Y.Doc();
    b.clientID = 2;
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const before = Y.encodeStateVector(b);
    b.getText('t').insert(1, 'x'.repeat(600_000));
    room.receive(connection, syncUpdateMessage(Y.encodeStateAsUpdate(b, before)));
    expect(socket.closed).toBeNull(); // a little waiting is normal
    const before2 = Y.encodeStateVector(b);
    b.getText('t').insert(1, 'y'.repeat(600_000));
    room.receive(connection, syncUpdateMessage(Y.encodeStateAsUpdate(b, before2)));
    expect(socket.closed?.code).toBe(CloseCode.badMessage);
    await room.settle();
    expect(room.doc.store.pendingStructs).toBeNull();
    expect((await storage.loadDocument(name.workspaceId, name.docId)).updates).toHaveLength(0);
    room.destroy();
  });
});
