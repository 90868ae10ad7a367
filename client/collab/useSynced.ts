import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';

/** True once the provider has received the server's copy of the document. */
export function useSynced(provider: WebsocketProvider | null): boolean {
  const [synced, setSynced] = useState(() => provider?.synced ?? false);
  useEffect(() => {
    if (!provider) {
      setSynced(false);
      return undefined;
    }
    setSynced(provider.synced);
    const onSync = (isSynced: boolean): void => {
      // Once synced, stay "loaded": a reconnect does not empty the document.
      if (isSynced) setSynced(true);
    };
    provider.on('sync', onSync);
    return () => provider.off('sync', onSync);
  }, [provider]);
  return synced;
}
