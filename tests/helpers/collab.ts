/**
 * Shared helpers for integration tests against a real server (tests/helpers/server.ts):
 * the HTTP API calls every test needs (create a workspace, invite, accept), a
 * stock y-websocket client, a raw `ws` socket for upgrade checks and hand-made
 * frames, and encoders for valid and invalid wire messages (shared/protocol.ts).
 *
 * Nothing here sleeps: wait with `expect.poll(…, POLL)` or `vi.waitFor`.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { AcceptInviteResponse, CreateInviteResponse, CreateWorkspaceResponse } from '../../shared/api.ts';
import type { Access, Role } from '../../shared/members.ts';
import { MessageType } from '../../shared/protocol.ts';
import type { TestServer } from './server.ts';

/** What the helpers need of a running server. */
export type ServerAddress = Pick<TestServer, 'url' | 'wsUrl' | 'port'>;

/** Options for `expect.poll` / `vi.waitFor`: generous, because CI machines are slow, never a sleep. */
export const POLL = { timeout: 10_000, interval: 20 } as const;

// ---------------------------------------------------------------------------------------------
// HTTP API

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  body: T;
  text: string;
}

export interface ApiRequestOptions {
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as is (use `headers` for its content type); wins over `json`. */
  rawBody?: string | Uint8Array;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  headers?: Record<string, string>;
}

/** One HTTP request to the server; never throws on a 4xx/5xx, so tests can assert on the answer. */
export async function apiRequest<T = unknown>(
  server: ServerAddress,
  method: string,
  path: string,
  options: ApiRequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (options.rawBody !== undefined) {
    body = typeof options.rawBody === 'string' ? options.rawBody : new Uint8Array(options.rawBody);
  } else if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  Object.assign(headers, options.headers);
  const response = await fetch(server.url + path, { method, headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

function expectStatus(response: ApiResponse, status: number, what: string): void {
  if (response.status !== status) {
    throw new Error(`${what}: expected HTTP ${status}, got ${response.status}: ${response.text}`);
  }
}

export interface MemberInput {
  name: string;
  role: Role;
}

/** Creates a workspace through the API (POST /api/workspaces); its founder has edit access. */
export async function createWorkspace(
  server: ServerAddress,
  name = 'Buurtgroep De Linde',
  member: MemberInput = { name: 'Anna', role: 'resident' },
): Promise<CreateWorkspaceResponse> {
  const response = await apiRequest<CreateWorkspaceResponse>(server, 'POST', '/api/workspaces', {
    json: { name, member },
  });
  expectStatus(response, 201, 'create workspace');
  const { workspaceId, memberId, token } = response.body;
  return { workspaceId, memberId, token };
}

/** Creates an invite as the member behind `token` (Bearer auth); `id` is what DELETE …/invites/:id takes. */
export async function invite(
  server: ServerAddress,
  workspaceId: string,
  token: string,
  access: Access,
): Promise<{ id: string; code: string; url: string }> {
  const response = await apiRequest<CreateInviteResponse>(server, 'POST', `/api/workspaces/${workspaceId}/invites`, {
    token,
    json: { access },
  });
  expectStatus(response, 201, 'create invite');
  const { id, code, url } = response.body;
  return { id, code, url };
}

/** Accepts an invite (POST /api/invites/:code/accept) as a new member. */
export async function acceptInvite(
  server: ServerAddress,
  code: string,
  name: string,
  role: Role,
): Promise<AcceptInviteResponse> {
  const response = await apiRequest<AcceptInviteResponse>(server, 'POST', `/api/invites/${code}/accept`, {
    json: { name, role },
  });
  expectStatus(response, 201, 'accept invite');
  const { workspaceId, memberId, token, access } = response.body;
  return { workspaceId, memberId, token, access };
}

/** A new member of `workspaceId` with the given access, invited by the member behind `token`. */
export async function addMember(
  server: ServerAddress,
  workspaceId: string,
  token: string,
  access: Access,
  member: MemberInput = { name: access === 'view' ? 'Vera' : 'Erik', role: 'professional' },
): Promise<AcceptInviteResponse> {
  const { code } = await invite(server, workspaceId, token, access);
  return acceptInvite(server, code, member.name, member.role);
}

// ---------------------------------------------------------------------------------------------
// Stock y-websocket client

export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  awareness: awarenessProtocol.Awareness;
  /** Resolves on the first completed sync with the server; rejects if the server closes for good (4400-4499) first. */
  synced: Promise<void>;
  /** Every close of this client's connection, in order (a healthy client has none). */
  closes: { code: number; reason: string }[];
  /** Stops the provider (no reconnect) and, when the helper created it, the Y.Doc. */
  destroy(): void;
}

export interface ConnectOptions {
  server: ServerAddress;
  workspaceId: string;
  docId: string;
  /** Sent as the `token` query parameter; omit to connect without one. */
  token?: string;
  doc?: Y.Doc;
}

/**
 * Connects the stock WebsocketProvider exactly as CONTRACT.md documents it, with
 * `disableBc` so two clients in one process can only meet through the server.
 */
export function connectClient(options: ConnectOptions): CollabClient {
  const ownsDoc = options.doc === undefined;
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(options.server.wsUrl, `${options.workspaceId}/${options.docId}`, doc, {
    params: options.token === undefined ? {} : { token: options.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const closes: CollabClient['closes'] = [];
  provider.on('connection-close', (event) => {
    // null when the client closed the connection itself (destroy).
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  const synced = new Promise<void>((resolve, reject) => {
    if (provider.synced) return resolve();
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
    provider.on('closed', ({ code, reason }) => reject(new Error(`closed before sync: ${code} ${reason}`)));
  });
  // A rejection nobody awaits must not fail the run; awaiting `synced` still sees it.
  synced.catch(() => undefined);
  return {
    doc,
    provider,
    awareness: provider.awareness,
    synced,
    closes,
    destroy() {
      provider.destroy();
      if (ownsDoc) doc.destroy();
    },
  };
}

/** The awareness states another client relays, keyed by client id (the local state left out). */
export function peerStates(client: CollabClient): Map<number, Record<string, unknown>> {
  const states = new Map(client.awareness.getStates());
  states.delete(client.doc.clientID);
  return states as Map<number, Record<string, unknown>>;
}

// ---------------------------------------------------------------------------------------------
// Raw WebSocket

export type UpgradeOutcome = { kind: 'open' } | { kind: 'refused'; status: number };

export interface RawSocket {
  ws: WebSocket;
  /** How the upgrade ended: opened, or refused with an HTTP status (no WebSocket opened). */
  upgrade: Promise<UpgradeOutcome>;
  /** Resolves once open; rejects with the status when the upgrade was refused. */
  opened(): Promise<void>;
  /** Resolves with the HTTP status of a refused upgrade; rejects when it opened. */
  refused(): Promise<number>;
  /** Resolves when the socket closed, with the close code the peer sent (1006 when none). */
  closed: Promise<{ code: number; reason: string }>;
  /** Every binary message received, in order. */
  messages: Uint8Array[];
}

export interface RawSocketOptions {
  /** Added as the `token` query parameter. */
  token?: string;
  /** Extra upgrade request headers (Cookie, Origin …). */
  headers?: Record<string, string>;
}

/**
 * A plain `ws` socket to `path` (e.g. `/collab/<workspaceId>/<docId>`), for checks the
 * stock client cannot make: refused upgrades, cookies and Origin, hand-made frames.
 */
export function rawSocket(server: ServerAddress, path: string, options: RawSocketOptions = {}): RawSocket {
  const url = new URL(path, `ws://127.0.0.1:${server.port}`);
  if (options.token !== undefined) url.searchParams.set('token', options.token);
  const ws = new WebSocket(url, { headers: options.headers ?? {}, perMessageDeflate: false });
  const messages: Uint8Array[] = [];
  const errors: Error[] = [];
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) messages.push(new Uint8Array(data));
  });
  // ws emits 'error' when a handshake is aborted; keep it from becoming an uncaught exception.
  ws.on('error', (error) => errors.push(error));
  const upgrade = new Promise<UpgradeOutcome>((resolve, reject) => {
    ws.once('open', () => resolve({ kind: 'open' }));
    ws.once('unexpected-response', (_request, response) => {
      resolve({ kind: 'refused', status: response.statusCode ?? 0 });
      response.resume();
      ws.terminate();
    });
    ws.once('close', () => reject(new Error(`closed before the upgrade finished: ${errors.map((e) => e.message).join('; ')}`)));
  });
  upgrade.catch(() => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() }));
  });
  return {
    ws,
    upgrade,
    messages,
    closed,
    async opened() {
      const outcome = await upgrade;
      if (outcome.kind === 'refused') throw new Error(`upgrade refused with HTTP ${outcome.status}`);
    },
    async refused() {
      const outcome = await upgrade;
      if (outcome.kind === 'open') throw new Error('upgrade was accepted');
      return outcome.status;
    },
  };
}

/** The collaboration path of a document. */
export function collabPath(workspaceId: string, docId: string): string {
  return `/collab/${workspaceId}/${docId}`;
}

// ---------------------------------------------------------------------------------------------
// Wire messages (shared/protocol.ts), valid and invalid

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** sync step 1 carrying `doc`'s state vector. */
export function syncStep1Message(doc: Y.Doc): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, doc);
  });
}

/** sync step 2 carrying what `doc` has beyond `stateVector` (everything when omitted). */
export function syncStep2Message(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  });
}

/** sync update carrying `update`, which may be any bytes (valid or corrupt). */
export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeUpdate(encoder, update);
  });
}

/** A sync message of any sync type (also unknown ones), its payload written as a varUint8Array. */
export function syncMessageOfType(syncType: number, payload: Uint8Array = new Uint8Array()): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MessageType.sync);
    encoding.writeVarUint(encoder, syncType);
    encoding.writeVarUint8Array(encoder, payload);
  });
}

/** A message of any type (also unknown ones) followed by raw payload bytes. */
export function messageOfType(type: number, payload: Uint8Array = new Uint8Array()): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, type);
    encoding.writeUint8Array(encoder, payload);
  });
}

/** A valid awareness message with the given clients' states from `awareness`. */
export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  });
}

/** An awareness message whose states are written as raw strings, so they can be invalid JSON. */
export function rawAwarenessMessage(entries: { clientId: number; clock: number; stateJson: string }[]): Uint8Array {
  const update = message((encoder) => {
    encoding.writeVarUint(encoder, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(encoder, entry.clientId);
      encoding.writeVarUint(encoder, entry.clock);
      encoding.writeVarString(encoder, entry.stateJson);
    }
  });
  return message((encoder) => {
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, update);
  });
}

/** The message type (first varUint) of a received message. */
export function messageTypeOf(data: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(data));
}

/** `length` bytes from a seeded generator: the same bytes on every run. */
export function seededBytes(seed: number, length: number): Uint8Array {
  return prng.uint8Array(prng.create(seed), length);
}

/** A standalone Yjs update that inserts `text` into the Y.Text `name` of a fresh document. */
export function textUpdate(text: string, name = 'body'): Uint8Array {
  const doc = new Y.Doc();
  doc.getText(name).insert(0, text);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
