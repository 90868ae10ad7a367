/**
 * TEST ONLY: a fault-injection point for storage trouble (STORAGE_TEST_FAIL_WRITES_FILE).
 * While the marker file exists, every document update append fails as a full
 * disk or a locked database would; reads go on. Tests run the server as its
 * own process, so they switch the fault on and off by creating and removing
 * the file. Never set in production.
 */
import { existsSync } from 'node:fs';
import type { Storage } from './Storage.ts';

export function withWriteFaults(storage: Storage, markerFile: string): Storage {
  const appendUpdate: Storage['appendUpdate'] = (workspaceId, docId, update, origin) => {
    if (existsSync(markerFile)) {
      return Promise.reject(new Error(`injected write failure (${markerFile} exists)`));
    }
    return storage.appendUpdate(workspaceId, docId, update, origin);
  };
  // Every other method goes to the real storage, bound to it (its fields are private).
  return new Proxy(storage, {
    get(target, property) {
      if (property === 'appendUpdate') return appendUpdate;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
