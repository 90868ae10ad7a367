/**
 * A CollabSocket that records what the server sends, so protocol tests can drive
 * the real Room without a network or timers. Decodes what it records into the
 * message kinds of shared/protocol.ts for readable assertions.
 */
import * as decoding from 'lib0/decoding';
import { MessageType, SyncMessageType } from '../../shared/protocol.ts';
import type { CollabSocket } from '../../server/sync/Connection.ts';

export interface SentMessage {
  kind: 'syncStep1' | 'syncStep2' | 'update' | 'awareness';
  payload: Uint8Array;
}

export class FakeSocket implements CollabSocket {
  readonly sent: SentMessage[] = [];
  closed: { code: number; reason: string } | null = null;

  get isOpen(): boolean {
    return this.closed === null;
  }

  send(data: Uint8Array): void {
    this.sent.push(decodeSent(data));
  }

  close(code: number, reason: string): void {
    this.closed ??= { code, reason };
  }

  ofKind(kind: SentMessage['kind']): SentMessage[] {
    return this.sent.filter((message) => message.kind === kind);
  }
}

function decodeSent(data: Uint8Array): SentMessage {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  if (type === MessageType.awareness) return { kind: 'awareness', payload: decoding.readVarUint8Array(decoder) };
  if (type !== MessageType.sync) throw new Error(`server sent unknown message type ${type}`);
  const syncType = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  switch (syncType) {
    case SyncMessageType.step1:
      return { kind: 'syncStep1', payload };
    case SyncMessageType.step2:
      return { kind: 'syncStep2', payload };
    case SyncMessageType.update:
      return { kind: 'update', payload };
    default:
      throw new Error(`server sent unknown sync type ${syncType}`);
  }
}
