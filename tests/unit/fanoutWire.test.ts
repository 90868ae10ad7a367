/** server/fanout/fanoutWire.ts: what travels between server processes. */
import { describe, expect, it } from 'vitest';
import type { FanoutMessage } from '../../server/fanout/Fanout.ts';
import { decodeFanoutMessage, encodeFanoutMessage, FanoutWireError } from '../../server/fanout/fanoutWire.ts';
import { parseDocId, parseWorkspaceId, roomName } from '../../shared/rooms.ts';

const room = roomName(parseWorkspaceId('ws1')!, parseDocId('plan')!);

describe('fan-out wire format', () => {
  it.each<FanoutMessage>([
    { kind: 'update', room, update: new Uint8Array([1, 2, 3]), seq: 2 ** 40, prevSeq: 17 },
    { kind: 'head', room, seq: 123_456 },
    { kind: 'awareness', room, update: new Uint8Array([9, 8]) },
    { kind: 'awarenessQuery', room },
  ])('round-trips $kind on a room channel, with the sender’s process id', (message) => {
    expect(decodeFanoutMessage(encodeFanoutMessage('proc-1', message), room)).toEqual({ processId: 'proc-1', message });
  });

  it('round-trips memberRemoved on the control channel', () => {
    const message: FanoutMessage = { kind: 'memberRemoved', memberId: 'm-42' };
    expect(decodeFanoutMessage(encodeFanoutMessage('p', message), null)).toEqual({ processId: 'p', message });
  });

  it('refuses a message on the wrong kind of channel, garbage, and trailing bytes, with a FanoutWireError', () => {
    const removal = encodeFanoutMessage('p', { kind: 'memberRemoved', memberId: 'm' });
    const head = encodeFanoutMessage('p', { kind: 'head', room, seq: 1 });
    expect(() => decodeFanoutMessage(removal, room)).toThrow(FanoutWireError);
    expect(() => decodeFanoutMessage(head, null)).toThrow(FanoutWireError);
    expect(() => decodeFanoutMessage(new Uint8Array([200, 200, 200]), room)).toThrow(FanoutWireError);
    expect(() => decodeFanoutMessage(new Uint8Array([...head, 0]), room)).toThrow(FanoutWireError);
    expect(() => decodeFanoutMessage(new Uint8Array([1, 9, 1, 112]), room)).toThrow(/unknown fan-out message kind 9/);
  });
});
