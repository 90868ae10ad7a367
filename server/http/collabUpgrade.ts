/**
 * The collaboration WebSocket upgrade (CONTRACT.md, "Collaboration WebSocket").
 * Checked in this order, the first failure answering with no WebSocket opened:
 * malformed ids → 400; no, unknown or revoked token → 401; valid token of
 * another workspace → 403; cookie from a foreign Origin → 403.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode } from '../../shared/protocol.ts';
import { parseDocId, parseWorkspaceId, roomName, type RoomName } from '../../shared/rooms.ts';
import type { Accounts } from '../accounts/Accounts.ts';
import { ConnectionCounter } from '../limits/ConnectionCounter.ts';
import type { DocumentQuota } from '../limits/DocumentQuota.ts';
import { TokenBucket } from '../limits/TokenBucket.ts';
import type { Logger } from '../logger.ts';
import type { DocumentStorage } from '../storage/Storage.ts';
import { Connection } from '../sync/Connection.ts';
import type { RoomRegistry } from '../sync/RoomRegistry.ts';
import { authorize, findCredential, isOwnOrigin } from './auth.ts';
import { boundedSocket } from './boundedSocket.ts';

export const COLLAB_PATH = '/collab/';

export interface CollabUpgradeOptions {
  accounts: Accounts;
  rooms: RoomRegistry;
  storage: DocumentStorage;
  logger: Logger;
  maxMessageBytes: number;
  /** Token bucket per connection: refill rate and size. */
  maxMessagesPerSecond: number;
  messageBurst: number;
  /** Open connections per remote address (the direct peer: behind a proxy, all share its address). */
  maxConnectionsPerIp: number;
  /** MAX_BUFFERED_BYTES: unsent bytes one connection may have waiting before it is dropped (boundedSocket.ts). */
  maxBufferedBytes: number;
  documentQuota: DocumentQuota;
  publicUrl: string | undefined;
  parseCookie: (header: string) => Record<string, string | undefined>;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

function refuseUpgrade(socket: Duplex, status: number): void {
  const text = STATUS_TEXT[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
}

/** `/collab/<workspaceId>/<docId>` → the room; null when malformed. */
export function parseCollabPath(pathname: string): RoomName | null {
  if (!pathname.startsWith(COLLAB_PATH)) return null;
  const parts = pathname.slice(COLLAB_PATH.length).split('/');
  if (parts.length !== 2) return null;
  const workspaceId = parseWorkspaceId(decodeURIComponentSafe(parts[0]!));
  const docId = parseDocId(decodeURIComponentSafe(parts[1]!));
  return workspaceId && docId ? roomName(workspaceId, docId) : null;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return '';
  }
}

export function createCollabUpgradeHandler(options: CollabUpgradeOptions) {
  const { logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false });
  const connectionsPerIp = new ConnectionCounter(options.maxConnectionsPerIp);
  let acceptingConnections = true;

  async function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', (error) => logger.debug({ err: error }, 'upgrade socket error'));
    if (!acceptingConnections) return refuseUpgrade(socket, 503);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const room = parseCollabPath(url.pathname);
    if (!room) return refuseUpgrade(socket, url.pathname.startsWith(COLLAB_PATH) ? 400 : 404);
    const ip = request.socket.remoteAddress ?? 'unknown';
    if (!connectionsPerIp.acquire(ip)) {
      logger.warn({ room: room.key, limit: options.maxConnectionsPerIp }, 'too many connections from one address; upgrade refused');
      return refuseUpgrade(socket, 429);
    }
    // Counted from here; released when the socket closes, or now if no WebSocket opens.
    let opened = false;
    try {
      await openConnection(request, socket, head, url, room, () => {
        opened = true;
        socket.once('close', () => connectionsPerIp.release(ip));
      });
    } finally {
      if (!opened) connectionsPerIp.release(ip);
    }
  }

  async function openConnection(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    url: URL,
    room: RoomName,
    onOpen: () => void,
  ): Promise<void> {

    const cookies = request.headers.cookie ? options.parseCookie(request.headers.cookie) : {};
    const credential = findCredential(room.workspaceId, url.searchParams.get('token'), cookies);
    const result = await authorize(options.accounts, room.workspaceId, credential);
    if (!result.ok) return refuseUpgrade(socket, result.status);
    if (result.via === 'cookie' && !isOwnOrigin(request.headers.origin, request.headers.host, options.publicUrl)) {
      logger.warn({ room: room.key, member: result.session.member.id }, 'cookie upgrade from a foreign origin refused');
      return refuseUpgrade(socket, 403);
    }
    const { member } = result.session;
    if (member.access === 'edit') {
      const exists = (await options.storage.getDocument(room.workspaceId, room.docId)) !== null;
      if (!exists && !(await options.documentQuota.allowsAnother(room.workspaceId))) {
        logger.warn(
          { room: room.key, member: member.id, limit: options.documentQuota.maxDocuments },
          'documents-per-workspace limit reached; upgrade for a new document refused',
        );
        return refuseUpgrade(socket, 403);
      }
      // Opening a new document id makes it exist (CONTRACT.md). Only then: a write
      // transaction (an fsync) per connection to a document that exists would buy nothing.
      if (!exists) {
        await options.storage.createDocument({
          workspaceId: room.workspaceId,
          docId: room.docId,
          createdAt: Date.now(),
          createdBy: member.id,
        });
      }
    }

    wss.handleUpgrade(request, socket, head, (ws) => {
      onOpen();
      const bucket = new TokenBucket(options.maxMessagesPerSecond, options.messageBurst);
      const collabSocket = boundedSocket(ws, options.maxBufferedBytes, (bufferedBytes) =>
        logger.warn(
          { room: room.key, connection: connection.id, member: member.id, bufferedBytes, limit: options.maxBufferedBytes },
          'client stopped reading; connection dropped',
        ),
      );
      const connection = new Connection(collabSocket, room, {
        memberId: member.id,
        name: member.name,
        role: member.role,
        access: member.access,
      });
      ws.on('error', (error: Error & { code?: string }) => {
        // ws closes the socket itself (1009 for an oversize frame, 1002 for a protocol error).
        logger.warn(
          { room: room.key, connection: connection.id, code: error.code, reason: error.message },
          'bad frame; connection closed',
        );
      });
      options.rooms.connect(
        connection,
        (listener) =>
          ws.on('message', (data, isBinary) => {
            if (connection.isClosed) return;
            if (!bucket.take()) {
              logger.warn(
                { room: room.key, connection: connection.id, member: member.id, limit: options.maxMessagesPerSecond },
                'message rate limit exceeded; closing connection',
              );
              connection.close(CloseCode.rateLimited, 'too many messages');
              return;
            }
            if (!isBinary) {
              logger.warn({ room: room.key, connection: connection.id }, 'text frame; closing connection');
              connection.close(CloseCode.badMessage, 'binary messages only');
              return;
            }
            listener(toUint8Array(data));
          }),
        (listener) => ws.on('close', listener),
      );
    });
  }

  return {
    handle(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      handleUpgrade(request, socket, head).catch((error: unknown) => {
        logger.error({ err: error }, 'upgrade failed');
        if (!socket.destroyed) refuseUpgrade(socket, 503);
      });
    },
    /** Refuses new upgrades (shutdown). */
    stopAccepting(): void {
      acceptingConnections = false;
    },
    close(): void {
      wss.close();
    },
  };
}

function toUint8Array(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
