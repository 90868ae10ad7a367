/**
 * The transaction origins of a room's Y.Doc and awareness (STYLE habit 5). The
 * room branches on them, so that an update is stored exactly once, by the
 * process its client is connected to, and published to other processes only
 * by that process:
 *
 *   a Connection      a local client's edit: stored, then forwarded to the other local
 *                     connections and published (fan-out)
 *   LOAD_ORIGIN       building the document from storage (loading, rebuilding): nothing
 *   REMOTE_ORIGIN     an update another process stored and published: forwarded to the
 *                     local connections only, never stored again, never published again
 *   CATCH_UP_ORIGIN   log entries read back from storage to fill a gap the fan-out left:
 *                     like REMOTE_ORIGIN
 *
 * In awareness, a Connection's changes are relayed and published, REMOTE_ORIGIN's are
 * relayed to local connections only, and y-protocols' own ('timeout') likewise.
 */
import { Connection } from './Connection.ts';
import { LOAD_ORIGIN } from './loadStoredDoc.ts';

export { LOAD_ORIGIN };
export const REMOTE_ORIGIN = Symbol('remote process');
export const CATCH_UP_ORIGIN = Symbol('catch-up from storage');

export type RoomOrigin = Connection | typeof LOAD_ORIGIN | typeof REMOTE_ORIGIN | typeof CATCH_UP_ORIGIN;

export type ClassifiedOrigin =
  | { kind: 'client'; connection: Connection }
  | { kind: 'load' }
  /** Already stored, by another process or earlier: forward locally, store and publish nothing. */
  | { kind: 'storedElsewhere' };

/** Throws for an origin the room does not know: a change nobody accounts for must not pass silently. */
export function classifyOrigin(origin: unknown): ClassifiedOrigin {
  if (origin instanceof Connection) return { kind: 'client', connection: origin };
  if (origin === LOAD_ORIGIN) return { kind: 'load' };
  if (origin === REMOTE_ORIGIN || origin === CATCH_UP_ORIGIN) return { kind: 'storedElsewhere' };
  throw new Error(`a room document changed with an unknown origin (${String(origin)})`);
}
