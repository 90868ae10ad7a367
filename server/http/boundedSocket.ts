/**
 * The collaboration socket as the room sees it, with a bound on what may wait
 * in the server's memory for one client. A client that stops reading (or reads
 * far slower than the room writes) would otherwise make the server buffer every
 * forwarded update and every answer to its sync requests without end, and one
 * such client could exhaust the process for everyone. When more than
 * MAX_BUFFERED_BYTES is waiting, the connection is dropped at once (a close
 * frame would only queue behind the backlog) and its memory freed; the client
 * reconnects and syncs afresh once it reads again.
 *
 * The check comes before each send, so one message larger than the bound (the
 * first sync of a big document) still goes out whole on an idle connection.
 */
import type { WebSocket } from 'ws';
import type { CollabSocket } from '../sync/Connection.ts';

export function boundedSocket(ws: WebSocket, maxBufferedBytes: number, onOverflow: (bufferedBytes: number) => void): CollabSocket {
  return {
    send(data) {
      if (ws.readyState !== ws.OPEN) return;
      const buffered = ws.bufferedAmount;
      if (buffered > maxBufferedBytes) {
        ws.terminate();
        onOverflow(buffered);
        return;
      }
      ws.send(data, { binary: true });
    },
    close: (code, reason) => ws.close(code, reason),
    get isOpen() {
      return ws.readyState === ws.OPEN;
    },
  };
}
