/**
 * The stock clients, one per simulated person: y-websocket's WebsocketProvider
 * for our server (its documented URL, room `<workspaceId>/<docId>` and `token`
 * parameter) and for the reference server (room `<docId>`), and
 * @hocuspocus/provider for Hocuspocus. Each owns a Y.Doc whose text is `body`.
 */
import { HocuspocusProvider, type HocuspocusProviderConfiguration } from '@hocuspocus/provider';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ServerTarget } from '../servers/BenchServer.ts';
import { instrumentedWebSocket, newSocketTimes, type SocketTimes } from './instrumentedSocket.ts';

export const TEXT_NAME = 'body';

export interface BenchClient {
  doc: Y.Doc;
  text: Y.Text;
  /** Resolves on the first completed sync with the server. */
  synced: Promise<void>;
  times: SocketTimes;
  /** How often the connection closed while the client still wanted it. */
  disconnects(): number;
  destroy(): void;
}

export function connectClient(target: ServerTarget, docId: string, now: () => number, doc = new Y.Doc()): BenchClient {
  const times = newSocketTimes();
  const WebSocketClass = instrumentedWebSocket(times, now);
  let disconnects = 0;
  let destroyed = false;
  let onSynced: () => void = () => undefined;
  const synced = new Promise<void>((resolve) => (onSynced = resolve));
  let destroyProvider: () => void;

  if (target.protocol === 'hocuspocus') {
    // The provider hands its whole configuration to the socket it creates, WebSocketPolyfill included.
    const configuration: HocuspocusProviderConfiguration & { WebSocketPolyfill: unknown } = {
      url: `ws://127.0.0.1:${target.port}`,
      name: docId,
      document: doc,
      WebSocketPolyfill: WebSocketClass,
    };
    const provider = new HocuspocusProvider(configuration);
    provider.on('synced', ({ state }: { state: boolean }) => state && onSynced());
    provider.on('close', () => {
      if (!destroyed) disconnects++;
    });
    destroyProvider = () => provider.destroy();
  } else {
    const ours = target.protocol === 'samenspel';
    const provider = new WebsocketProvider(
      ours ? `ws://127.0.0.1:${target.port}/collab` : `ws://127.0.0.1:${target.port}`,
      ours ? `${target.workspaceId}/${docId}` : docId,
      doc,
      {
        params: ours && target.token ? { token: target.token } : {},
        WebSocketPolyfill: WebSocketClass as unknown as typeof globalThis.WebSocket,
        // Two providers in one process would otherwise sync without the server (TOOLCHAIN.md, pitfall 3).
        disableBc: true,
      },
    );
    provider.on('sync', (isSynced: boolean) => isSynced && onSynced());
    provider.on('connection-close', () => {
      if (!destroyed) disconnects++;
    });
    destroyProvider = () => provider.destroy();
  }

  return {
    doc,
    text: doc.getText(TEXT_NAME),
    synced,
    times,
    disconnects: () => disconnects,
    destroy() {
      destroyed = true;
      destroyProvider();
      doc.destroy();
    },
  };
}
