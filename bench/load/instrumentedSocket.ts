/**
 * The `ws` client, as the WebSocket a stock provider creates, with a recorder
 * that notes when the socket opened and when the latest message arrived. Its
 * listeners are attached in the constructor, before the provider's own, so the
 * time is taken before the provider handles the message.
 */
import WebSocket from 'ws';

export interface SocketTimes {
  /** When the latest socket opened (clock of the run), or NaN. */
  openedAt: number;
  /** When the latest message arrived, before the provider handled it, or NaN. */
  lastMessageAt: number;
  messages: number;
  bytes: number;
}

export function newSocketTimes(): SocketTimes {
  return { openedAt: NaN, lastMessageAt: NaN, messages: 0, bytes: 0 };
}

export type WebSocketClass = new (address: string | URL, protocols?: string | string[]) => WebSocket;

export function instrumentedWebSocket(times: SocketTimes, now: () => number): WebSocketClass {
  return class InstrumentedWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      this.on('open', () => {
        times.openedAt = now();
      });
      this.on('message', (data: Buffer | ArrayBuffer) => {
        times.lastMessageAt = now();
        times.messages++;
        times.bytes += data.byteLength;
      });
    }
  };
}
