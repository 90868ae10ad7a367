/**
 * How a FanoutMessage travels between processes: binary, lib0 encoding.
 *
 *   message = version:varUint(1) kind:varUint processId:varString body
 *   update         (0) = seq:varUint prevSeq:varUint update:varUint8Array
 *   head           (1) = seq:varUint
 *   awareness      (2) = update:varUint8Array
 *   awarenessQuery (3) = (nothing)
 *   memberRemoved  (4) = memberId:varString
 *
 * The room is not in the message: it is the channel's (redis.ts). Only our
 * own processes publish on these channels, but a message that does not decode
 * (another version, a stray publisher) throws a FanoutWireError for the
 * receiver to log, never crashes it.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { RoomName } from '../../shared/rooms.ts';
import type { FanoutMessage, FanoutMessageKind } from './Fanout.ts';

const WIRE_VERSION = 1;

const KIND_CODES = {
  update: 0,
  head: 1,
  awareness: 2,
  awarenessQuery: 3,
  memberRemoved: 4,
} as const satisfies Record<FanoutMessageKind, number>;

export class FanoutWireError extends Error {
  override name = 'FanoutWireError';
}

export function encodeFanoutMessage(processId: string, message: FanoutMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, WIRE_VERSION);
  encoding.writeVarUint(encoder, KIND_CODES[message.kind]);
  encoding.writeVarString(encoder, processId);
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(encoder, message.seq);
      encoding.writeVarUint(encoder, message.prevSeq);
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'head':
      encoding.writeVarUint(encoder, message.seq);
      break;
    case 'awareness':
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'awarenessQuery':
      break;
    case 'memberRemoved':
      encoding.writeVarString(encoder, message.memberId);
      break;
    default: {
      const unknown: never = message;
      throw new Error(`unhandled fan-out message ${JSON.stringify(unknown)}`);
    }
  }
  return encoding.toUint8Array(encoder);
}

export interface DecodedFanoutMessage {
  processId: string;
  message: FanoutMessage;
}

/**
 * Decodes a message received on a room's channel (`room`) or on the control
 * channel (`room` null, where only memberRemoved belongs).
 */
export function decodeFanoutMessage(data: Uint8Array, room: RoomName | null): DecodedFanoutMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const version = decoding.readVarUint(decoder);
    if (version !== WIRE_VERSION) throw new FanoutWireError(`unknown fan-out wire version ${version}`);
    const kind = decoding.readVarUint(decoder);
    const processId = decoding.readVarString(decoder);
    const message = readBody(decoder, kind, room);
    if (decoding.hasContent(decoder)) throw new FanoutWireError('trailing bytes after the fan-out message');
    return { processId, message };
  } catch (error) {
    if (error instanceof FanoutWireError) throw error;
    throw new FanoutWireError(`malformed fan-out message: ${(error as Error).message}`);
  }
}

function readBody(decoder: decoding.Decoder, kind: number, room: RoomName | null): FanoutMessage {
  if (kind === KIND_CODES.memberRemoved) {
    if (room) throw new FanoutWireError('memberRemoved on a room channel');
    return { kind: 'memberRemoved', memberId: decoding.readVarString(decoder) };
  }
  if (!room) throw new FanoutWireError(`message kind ${kind} on the control channel`);
  switch (kind) {
    case KIND_CODES.update: {
      const seq = decoding.readVarUint(decoder);
      const prevSeq = decoding.readVarUint(decoder);
      return { kind: 'update', room, seq, prevSeq, update: decoding.readVarUint8Array(decoder) };
    }
    case KIND_CODES.head:
      return { kind: 'head', room, seq: decoding.readVarUint(decoder) };
    case KIND_CODES.awareness:
      return { kind: 'awareness', room, update: decoding.readVarUint8Array(decoder) };
    case KIND_CODES.awarenessQuery:
      return { kind: 'awarenessQuery', room };
    default:
      throw new FanoutWireError(`unknown fan-out message kind ${kind}`);
  }
}
