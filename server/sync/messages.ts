/**
 * Decoding and encoding of the y-websocket wire format (see shared/protocol.ts).
 * Every incoming message is parsed here into a typed value before anything acts
 * on it; whatever does not parse throws a ProtocolError and costs the sender its
 * connection, never the room.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType, SyncMessageType } from '../../shared/protocol.ts';
import { checkUpdateBounds, DEFAULT_UPDATE_LIMITS, jsonDepth, type UpdateLimits } from './updateBounds.ts';

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

/** What one incoming message may contain: the work it can cause is bounded by these. */
export interface MessageLimits extends UpdateLimits {
  /** Awareness entries (client states) in one message. */
  maxAwarenessEntries: number;
  /** The JSON text of one awareness state. */
  maxAwarenessStateBytes: number;
  /** Nesting of objects and arrays in one awareness state (relayed with the recursive JSON.stringify). */
  maxAwarenessDepth: number;
}

export const DEFAULT_MESSAGE_LIMITS: MessageLimits = {
  ...DEFAULT_UPDATE_LIMITS,
  maxAwarenessEntries: 64,
  maxAwarenessStateBytes: 64 * 1024,
  maxAwarenessDepth: 32,
};

export function parseMessage(data: Uint8Array, limits: MessageLimits = DEFAULT_MESSAGE_LIMITS): IncomingMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const message = readMessage(decoder, limits);
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the message');
    return message;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`malformed message: ${(error as Error).message}`);
  }
}

function readMessage(decoder: decoding.Decoder, limits: MessageLimits): IncomingMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync:
      return readSync(decoder, limits);
    case MessageType.awareness:
      return { kind: 'awareness', entries: readAwarenessUpdate(readPayload(decoder), limits) };
    case MessageType.queryAwareness:
      return { kind: 'queryAwareness' };
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

/** A length-prefixed payload; its length is checked against the bytes that remain. */
function readPayload(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder);
  if (length > decoder.arr.length - decoder.pos) throw new ProtocolError(`payload length ${length} exceeds the message`);
  return decoding.readUint8Array(decoder, length);
}

function readSync(decoder: decoding.Decoder, limits: MessageLimits): IncomingMessage {
  const syncType = decoding.readVarUint(decoder);
  switch (syncType) {
    case SyncMessageType.step1: {
      const stateVector = readPayload(decoder);
      validateStateVector(stateVector);
      return { kind: 'syncStep1', stateVector };
    }
    case SyncMessageType.step2:
      return { kind: 'syncStep2', update: validatedUpdate(readPayload(decoder), limits) };
    case SyncMessageType.update:
      return { kind: 'update', update: validatedUpdate(readPayload(decoder), limits) };
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

/**
 * Walks the whole update once with bounded work (updateBounds.ts), so that a
 * corrupt or crafted one is refused before Yjs decodes it or it touches a document.
 */
function validatedUpdate(update: Uint8Array, limits: UpdateLimits): Uint8Array {
  checkUpdateBounds(update, limits);
  return update;
}

function readAwarenessUpdate(update: Uint8Array, limits: MessageLimits): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > limits.maxAwarenessEntries) throw new ProtocolError(`more than ${limits.maxAwarenessEntries} awareness entries`);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = readPayload(decoder);
    if (json.length > limits.maxAwarenessStateBytes) {
      throw new ProtocolError(`awareness state larger than ${limits.maxAwarenessStateBytes} bytes`);
    }
    const text = new TextDecoder().decode(json);
    if (jsonDepth(text) > limits.maxAwarenessDepth) {
      throw new ProtocolError(`awareness state nested deeper than ${limits.maxAwarenessDepth}`);
    }
    const state: unknown = JSON.parse(text);
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
