import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { CloseCode } from '../../shared/protocol.ts';
import type { CollabRoom } from './openRoom.ts';

/**
 * What people see about the connection and their changes:
 * - saved / saving: connected, and the server has (not yet) stored every change made here;
 * - connecting: the first attempt; reconnecting: we had a connection and lost it;
 * - offline: the device itself has no network (navigator.onLine) or the server cannot be reached
 *   while we had been connected before; changes stay on this device;
 * - revoked: the server closed with 4403: this member no longer has access;
 * - stopped: the server closed with another "do not come back" code (4400-4499).
 */
export type ConnectionState = 'saved' | 'saving' | 'connecting' | 'reconnecting' | 'offline' | 'revoked' | 'stopped';

type SocketStatus = 'connected' | 'connecting' | 'reconnecting' | 'revoked' | 'stopped';

export function useConnectionState(room: CollabRoom | null): ConnectionState {
  const [online, setOnline] = useState(() => navigator.onLine);
  const [status, setStatus] = useState<SocketStatus>('connecting');
  const subscribe = useCallback((listener: () => void) => room?.saves.subscribe(listener) ?? (() => undefined), [room]);
  const saved = useSyncExternalStore(subscribe, () => room?.saves.saved ?? true);

  useEffect(() => {
    const update = (): void => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);

  useEffect(() => {
    const provider = room?.provider;
    if (!provider) {
      setStatus('connecting');
      return undefined;
    }
    let everConnected = provider.wsconnected;
    setStatus(provider.wsconnected ? 'connected' : 'connecting');
    const onStatus = ({ status: next }: { status: 'connected' | 'disconnected' | 'connecting' }): void => {
      if (next === 'connected') {
        everConnected = true;
        setStatus('connected');
      } else {
        setStatus((current) =>
          current === 'stopped' || current === 'revoked' ? current : everConnected ? 'reconnecting' : 'connecting',
        );
      }
    };
    const onClosed = ({ code }: { code: number }): void => setStatus(code === CloseCode.accessRevoked ? 'revoked' : 'stopped');
    provider.on('status', onStatus);
    provider.on('closed', onClosed);
    return () => {
      provider.off('status', onStatus);
      provider.off('closed', onClosed);
    };
  }, [room]);

  if (status === 'revoked' || status === 'stopped') return status;
  if (!online) return 'offline';
  if (status === 'connected') return saved ? 'saved' : 'saving';
  return status;
}
