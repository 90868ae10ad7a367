/**
 * CONTRACT.md, "Collaboration WebSocket": bad input (bytes that are not a valid
 * message, unknown message types, oversize frames) closes that one connection
 * with a close code and a log line; the server, the room and every other client
 * go on, and nothing already stored is changed.
 *
 * Each test puts two healthy stock clients in a room, lets a raw socket in the
 * same room send one kind of bad input, checks the close code and the log line,
 * checks the healthy clients were never disconnected and still sync both ways,
 * then restarts the server and checks the stored document is exactly what the
 * healthy clients wrote.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol.ts';
import {
  apiRequest,
  collabPath,
  connectClient,
  createWorkspace,
  messageOfType,
  POLL,
  rawAwarenessMessage,
  rawSocket,
  seededBytes,
  syncMessageOfType,
  syncStep1Message,
  syncUpdateMessage,
  textUpdate,
  type CollabClient,
  type RawSocket,
} from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { craftedUpdates } from '../helpers/updateCorpus.ts';

const MAX_MESSAGE_BYTES = 65_536;
/** Fixed client ids, so documents (and the updates derived from them) are the same on every run. */
const CLIENT_A = 1001;
const CLIENT_B = 1002;

let server: TestServer;
let dataDir: string;
let workspace: { workspaceId: string; memberId: string; token: string };
const clients: CollabClient[] = [];

beforeAll(async () => {
  server = await startServer({ env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) } });
  dataDir = server.dataDir;
  workspace = await createWorkspace(server);
});

afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.stop({ keepData: true });
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function connect(docId: string, clientId?: number): CollabClient {
  const doc = new Y.Doc();
  if (clientId !== undefined) doc.clientID = clientId;
  const client = connectClient({ server, workspaceId: workspace.workspaceId, docId, token: workspace.token, doc });
  clients.push(client);
  return client;
}

function destroyClients(): void {
  for (const client of clients.splice(0)) {
    client.destroy();
    client.doc.destroy();
  }
}

/** What the healthy pair writes in every test, in this order; nothing else may ever be stored. */
const A_BEFORE = 'A before. ';
const B_BEFORE = 'B before. ';
const A_AFTER = 'A after. ';
const B_AFTER = 'B after.';
const WRITTEN = A_BEFORE + B_BEFORE + A_AFTER + B_AFTER;
/** One clock tick per character inserted. */
const WRITTEN_STATE = { [CLIENT_A]: A_BEFORE.length + A_AFTER.length, [CLIENT_B]: B_BEFORE.length + B_AFTER.length };

const body = (client: CollabClient) => client.doc.getText('body').toString();
const stateVector = (doc: Y.Doc) => Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc)));

/** Two editors in one room that have synced with each other through the server. */
async function healthyPair(docId: string): Promise<[CollabClient, CollabClient]> {
  const a = connect(docId, CLIENT_A);
  const b = connect(docId, CLIENT_B);
  await Promise.all([a.synced, b.synced]);
  a.doc.getText('body').insert(0, A_BEFORE);
  await expect.poll(() => body(b), POLL).toBe(A_BEFORE);
  b.doc.getText('body').insert(body(b).length, B_BEFORE);
  await expect.poll(() => body(a), POLL).toBe(A_BEFORE + B_BEFORE);
  return [a, b];
}

/** A raw editor socket in the same room, attached to the room (it has received the server's sync step 1). */
async function badClient(docId: string): Promise<RawSocket> {
  const socket = rawSocket(server, collabPath(workspace.workspaceId, docId), { token: workspace.token });
  await socket.opened();
  await expect.poll(() => socket.messages.length, POLL).toBeGreaterThan(0);
  return socket;
}

interface Expectation {
  closeCode: number;
  /** The `msg` of the warn line the server logs for this connection's room. */
  logMessage: string;
}

/**
 * The whole rule for one kind of bad input: only the bad connection closes (with
 * `closeCode`, and a log line), the healthy pair keeps syncing without ever being
 * disconnected, and after a restart the document is exactly what the pair wrote.
 */
async function checkBadInput(docId: string, expected: Expectation, send: (socket: RawSocket, a: CollabClient) => void) {
  const room = `${workspace.workspaceId}/${docId}`;
  const [a, b] = await healthyPair(docId);
  const bad = await badClient(docId);
  const logsBefore = server.logs.length;

  send(bad, a);

  expect((await bad.closed).code).toBe(expected.closeCode);
  await expect
    .poll(
      () =>
        server.logs
          .slice(logsBefore)
          .some((line) => line.level === 'warn' && line.room === room && line.msg === expected.logMessage),
      POLL,
    )
    .toBe(true);

  // The room goes on: edits still flow both ways.
  a.doc.getText('body').insert(body(a).length, A_AFTER);
  await expect.poll(() => body(b), POLL).toContain(A_AFTER);
  b.doc.getText('body').insert(body(b).length, B_AFTER);
  await expect.poll(() => body(a), POLL).toContain(B_AFTER);
  await expect.poll(() => body(a) === body(b), POLL).toBe(true);
  // Soft from here, so that one run reports every part of the rule that is broken.
  expect.soft(body(a), 'what the healthy clients see').toBe(WRITTEN);
  expect.soft(a.closes, 'closes seen by healthy client A').toEqual([]);
  expect.soft(b.closes, 'closes seen by healthy client B').toEqual([]);
  expect.soft((await apiRequest(server, 'GET', '/healthz')).status).toBe(200);

  // Nothing stored changed beyond what the healthy clients wrote.
  destroyClients();
  await server.stop({ keepData: true });
  server = await startServer({ dataDir, env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) } });
  const reader = connect(docId);
  await reader.synced;
  expect.soft(body(reader), 'the stored document').toBe(WRITTEN);
  expect.soft(stateVector(reader.doc), 'the stored state vector').toEqual(WRITTEN_STATE);
  expect.soft(reader.doc.store.pendingStructs, 'stored updates with missing dependencies').toBeNull();
  expect.soft([...reader.doc.share.keys()], 'the stored shared types').toEqual(['body']);
  destroyClients();
}

/**
 * A Yjs update that decodes cleanly but throws half-way through being applied to a
 * copy of `doc`: a valid update from a fixed client with a few bytes changed, the
 * first such one of a fixed sequence of seeded mutations.
 */
function updateThatFailsToApply(doc: Y.Doc): Uint8Array {
  const source = new Y.Doc();
  source.clientID = 42;
  source.getText('body').insert(0, 'hello world');
  source.getMap('m').set('a', new Y.Text('x'));
  source.getArray('arr').push([1, 'two', { three: 3 }]);
  const valid = Y.encodeStateAsUpdate(source);
  for (let seed = 0; seed < 100_000; seed++) {
    const random = seededBytes(seed, 7);
    const update = valid.slice();
    const changes = 1 + (random[0]! % 3);
    for (let i = 0; i < changes; i++) update[(random[1 + 2 * i]! * 257) % update.length] = random[2 + 2 * i]!;
    try {
      Y.decodeUpdate(update);
    } catch {
      continue;
    }
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    try {
      Y.applyUpdate(copy, update);
    } catch {
      return update;
    }
  }
  throw new Error('no seeded mutation fails to apply');
}

describe('bad input closes only its own connection; the room goes on and storage is unchanged', () => {
  const badMessage = { closeCode: CloseCode.badMessage, logMessage: 'bad message; closing connection' };

  it('random bytes → 4400', async () => {
    await checkBadInput('random-bytes', badMessage, (socket) => socket.ws.send(seededBytes(7, 64)));
  });

  it('an unknown message type (varUint 7) → 4400', async () => {
    await checkBadInput('unknown-type', badMessage, (socket) => socket.ws.send(messageOfType(7)));
  });

  it('a sync message with an unknown sync type → 4400', async () => {
    await checkBadInput('unknown-sync-type', badMessage, (socket) =>
      socket.ws.send(syncMessageOfType(7, textUpdate('never stored'))),
    );
  });

  it('a truncated message → 4400', async () => {
    const whole = syncUpdateMessage(textUpdate('never stored'));
    await checkBadInput('truncated', badMessage, (socket) => socket.ws.send(whole.subarray(0, whole.length - 4)));
  });

  it('trailing bytes after a valid message → 4400', async () => {
    const valid = syncStep1Message(new Y.Doc());
    const withTail = new Uint8Array([...valid, 0, 0, 0]);
    await checkBadInput('trailing-bytes', badMessage, (socket) => socket.ws.send(withTail));
  });

  it('a corrupt Yjs update (random bytes) inside a valid sync update message → 4400', async () => {
    await checkBadInput('corrupt-update', badMessage, (socket) => socket.ws.send(syncUpdateMessage(seededBytes(11, 64))));
  });

  it('a Yjs update that decodes but fails to apply → 4400, and no part of it is stored or forwarded', async () => {
    await checkBadInput(
      'update-fails-to-apply',
      { closeCode: CloseCode.badMessage, logMessage: 'update could not be applied; closing connection' },
      (socket, a) => socket.ws.send(syncUpdateMessage(updateThatFailsToApply(a.doc))),
    );
  });

  it('every crafted update of the yjs/yjs#687 corpus (unbounded loops, allocations, recursion) → 4400 each', async () => {
    // The larger ones already end at the frame limit (1009); the unit test has them all.
    const corpus = craftedUpdates().filter((crafted) => crafted.update.length < MAX_MESSAGE_BYTES - 16);
    expect(corpus.length).toBeGreaterThan(8);
    await checkBadInput('crafted-updates', badMessage, (first) => {
      first.ws.send(syncUpdateMessage(corpus[0]!.update));
      // The rest each on a socket of its own; all must be refused and leave the room as it was.
      for (const crafted of corpus.slice(1)) {
        const socket = rawSocket(server, collabPath(workspace.workspaceId, 'crafted-updates'), { token: workspace.token });
        socket.ws.once('open', () => socket.ws.send(syncUpdateMessage(crafted.update)));
        void socket.closed.then(({ code }) => expect.soft(code, crafted.name).toBe(CloseCode.badMessage));
      }
    });
  });

  it('a text frame → 4400', async () => {
    await checkBadInput(
      'text-frame',
      { closeCode: CloseCode.badMessage, logMessage: 'text frame; closing connection' },
      (socket) => socket.ws.send('{"type":"sync"}'),
    );
  });

  it('an awareness message with invalid JSON → 4400', async () => {
    await checkBadInput('awareness-json', badMessage, (socket) =>
      socket.ws.send(rawAwarenessMessage([{ clientId: 4242, clock: 1, stateJson: '{"user": {"name": "Eve"' }])),
    );
  });

  it(`a frame over MAX_MESSAGE_BYTES (${MAX_MESSAGE_BYTES}; 100 KB sent) → 1009`, async () => {
    const big = syncUpdateMessage(textUpdate('x'.repeat(100 * 1024)));
    expect(big.length).toBeGreaterThan(MAX_MESSAGE_BYTES);
    await checkBadInput(
      'oversize',
      { closeCode: CloseCode.messageTooBig, logMessage: 'bad frame; connection closed' },
      (socket) => socket.ws.send(big),
    );
  });
});
