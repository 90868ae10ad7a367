import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';

/**
 * What people see about the connection:
 * - connecting: the first attempt; reconnecting: we had a connection and lost it;
 * - offline: the device itself has no network (navigator.onLine);
 * - stopped: the server closed with a code that means "do not come back"
 *   (4400-4499, e.g. access revoked), so the provider stopped trying.
 */
export type ConnectionState = 'connected' | 'connecting' | 'reconnecting' | 'offline' | 'stopped';

export function useConnectionState(provider: WebsocketProvider | null): ConnectionState {
  const [online, setOnline] = useState(() => navigator.onLine);
  const [status, setStatus] = useState<'connected' | 'connecting' | 'reconnecting' | 'stopped'>('connecting');

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
        setStatus((current) => (current === 'stopped' ? current : everConnected ? 'reconnecting' : 'connecting'));
      }
    };
    const onClosed = (): void => setStatus('stopped');
    provider.on('status', onStatus);
    provider.on('closed', onClosed);
    return () => {
      provider.off('status', onStatus);
      provider.off('closed', onClosed);
    };
  }, [provider]);

  if (status === 'stopped') return 'stopped';
  if (!online) return 'offline';
  return status;
}
