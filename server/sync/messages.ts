/**
 * Decoding and encoding of the y-websocket wire format (see shared/protocol.ts).
 * Every incoming message is parsed here into a typed value before anything acts
 * on it; whatever does not parse throws a ProtocolError and costs the sender its
 * connection, never the room.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '../../shared/protocol.ts';

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

export type IncomingMessage =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  | { kind: 'syncStep2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; entries: AwarenessEntry[] }
  | { kind: 'queryAwareness' };

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** null when the client left. */
  state: Record<string, unknown> | null;
}

export function parseMessage(data: Uint8Array): IncomingMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const message = readMessage(decoder);
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the message');
    return message;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`malformed message: ${(error as Error).message}`);
  }
}

function readMessage(decoder: decoding.Decoder): IncomingMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync:
      return readSync(decoder);
    case MessageType.awareness:
      return { kind: 'awareness', entries: readAwarenessUpdate(decoding.readVarUint8Array(decoder)) };
    case MessageType.queryAwareness:
      return { kind: 'queryAwareness' };
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

function readSync(decoder: decoding.Decoder): IncomingMessage {
  const syncType = decoding.readVarUint(decoder);
  switch (syncType) {
    case SyncMessageType.step1: {
      const stateVector = decoding.readVarUint8Array(decoder);
      validateStateVector(stateVector);
      return { kind: 'syncStep1', stateVector };
    }
    case SyncMessageType.step2:
      return { kind: 'syncStep2', update: validatedUpdate(decoding.readVarUint8Array(decoder)) };
    case SyncMessageType.update:
      return { kind: 'update', update: validatedUpdate(decoding.readVarUint8Array(decoder)) };
    default:
      throw new ProtocolError(`unknown sync message type ${syncType}`);
  }
}

function validateStateVector(stateVector: Uint8Array): void {
  const decoder = decoding.createDecoder(stateVector);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the state vector');
}

/** Decodes the whole update once, so that a corrupt one is refused before it touches a document. */
function validatedUpdate(update: Uint8Array): Uint8Array {
  Y.decodeUpdate(update);
  return update;
}

function readAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new ProtocolError('an awareness state must be an object or null');
    }
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the awareness update');
  return entries;
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSync(SyncMessageType.step1, stateVector);
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSync(SyncMessageType.step2, update);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return encodeSync(SyncMessageType.update, update);
}

function encodeSync(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** An awareness message carrying an already encoded awareness update. */
export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}
