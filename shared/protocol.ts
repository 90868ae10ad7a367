/**
 * The collaboration wire format: the standard y-websocket messages.
 *
 *   message      = messageType:varUint payload
 *   sync         = 0  syncType:varUint (0 step1: stateVector | 1 step2: update | 2 update)
 *   awareness    = 1  update:varUint8Array   (y-protocols awareness update)
 *   queryAwareness = 3                        (answered with every known awareness state)
 *
 * Anything else is bad input and closes the connection with one of the codes below.
 */

export const MessageType = {
  sync: 0,
  awareness: 1,
  queryAwareness: 3,
} as const;

export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

/**
 * Close codes. 1000-1015 are the WebSocket standard's; 4000-4999 are ours.
 * y-websocket reconnects after any close, so codes that mean "do not come back"
 * are still answered at the upgrade (HTTP 401/403) on the next attempt.
 */
export const CloseCode = {
  /** SIGTERM: the server is going away; reconnect later. */
  goingAway: 1001,
  /** A message too large (over MAX_MESSAGE_BYTES). */
  messageTooBig: 1009,
  /** Bytes that are not a valid message, an unknown message type, or a corrupt Yjs update. */
  badMessage: 4400,
  /** The document reached MAX_DOCUMENT_BYTES; this update was not applied, stored or forwarded. */
  documentTooLarge: 4413,
  /** More messages than MAX_MESSAGES_PER_SECOND (after a burst of MESSAGE_BURST). */
  rateLimited: 4429,
  /** The member's access was revoked while connected. */
  accessRevoked: 4403,
  /** The document's stored state could not be loaded; nothing was served. */
  loadFailed: 4500,
  /** An update could not be stored; it was not forwarded to anyone. */
  storeFailed: 4501,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
