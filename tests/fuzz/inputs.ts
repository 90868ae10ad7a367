/**
 * Seeded inputs for the protocol fuzzer: random bytes, mutated valid sync and
 * awareness messages, truncated varints, huge lengths, updates that reference
 * structs the server lacks, deeply nested or enormous awareness states, and the
 * crafted updates of tests/helpers/updateCorpus.ts. The same seed gives the
 * same inputs on every run.
 */
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '../../shared/protocol.ts';
import { craftedUpdates, randomEditedDoc } from '../helpers/updateCorpus.ts';

export type InputKind =
  | 'randomBytes'
  | 'mutatedValid'
  | 'truncatedVarint'
  | 'hugeLength'
  | 'missingStructs'
  | 'awarenessNested'
  | 'awarenessEnormous'
  | 'crafted'
  | 'valid';

export interface FuzzInput {
  kind: InputKind;
  data: Uint8Array;
}

function bytes(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const syncMessage = (syncType: number, payload: Uint8Array) =>
  bytes((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, syncType);
    encoding.writeVarUint8Array(e, payload);
  });

const awarenessMessage = (entries: { clientId: number; clock: number; json: string }[]) =>
  bytes((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(
      e,
      bytes((inner) => {
        encoding.writeVarUint(inner, entries.length);
        for (const entry of entries) {
          encoding.writeVarUint(inner, entry.clientId);
          encoding.writeVarUint(inner, entry.clock);
          encoding.writeVarString(inner, entry.json);
        }
      }),
    );
  });

/** Builds the valid messages that mutations start from (once per generator). */
function validPool(seed: number): Uint8Array[] {
  const { doc, updates } = randomEditedDoc(seed, 120);
  const pool = updates.slice(0, 60).map((update) => syncMessage(SyncMessageType.update, update));
  pool.push(syncMessage(SyncMessageType.step1, Y.encodeStateVector(doc)));
  pool.push(syncMessage(SyncMessageType.step2, Y.encodeStateAsUpdate(doc)));
  pool.push(awarenessMessage([{ clientId: 5, clock: 1, json: '{"user":{"name":"Anna","color":"#aa3355"},"cursor":null}' }]));
  pool.push(bytes((e) => encoding.writeVarUint(e, MessageType.queryAwareness)));
  doc.destroy();
  return pool;
}

export class InputGenerator {
  private readonly gen: prng.PRNG;
  private readonly pool: Uint8Array[];
  private readonly crafted = craftedUpdates().map((crafted) => syncMessage(SyncMessageType.update, crafted.update));
  /** Updates of a separate edit session whose first half is never sent: the rest lacks its dependencies. */
  private readonly orphans: Uint8Array[];

  constructor(seed: number) {
    this.gen = prng.create(seed);
    this.pool = validPool(seed);
    const { updates } = randomEditedDoc(seed + 1, 80);
    this.orphans = updates.slice(updates.length >> 1).map((update) => syncMessage(SyncMessageType.update, update));
  }

  next(): FuzzInput {
    const gen = this.gen;
    const roll = prng.int32(gen, 0, 99);
    if (roll < 15) return { kind: 'randomBytes', data: prng.uint8Array(gen, prng.int32(gen, 0, prng.bool(gen) ? 16 : 2048)) };
    if (roll < 55) return { kind: 'mutatedValid', data: this.mutate(prng.oneOf(gen, this.pool)) };
    if (roll < 62) return { kind: 'truncatedVarint', data: this.truncatedVarint() };
    if (roll < 70) return { kind: 'hugeLength', data: this.hugeLength() };
    if (roll < 78) return { kind: 'missingStructs', data: prng.oneOf(gen, this.orphans) };
    if (roll < 84) return { kind: 'awarenessNested', data: this.nestedAwareness() };
    if (roll < 88) return { kind: 'awarenessEnormous', data: this.enormousAwareness() };
    if (roll < 94) return { kind: 'crafted', data: prng.oneOf(gen, this.crafted) };
    return { kind: 'valid', data: prng.oneOf(gen, this.pool) };
  }

  private mutate(message: Uint8Array): Uint8Array {
    const gen = this.gen;
    let data = Array.from(message);
    const changes = prng.int32(gen, 1, 4);
    for (let i = 0; i < changes && data.length > 0; i++) {
      const at = prng.int32(gen, 0, data.length - 1);
      switch (prng.int32(gen, 0, 5)) {
        case 0:
          data[at] = data[at]! ^ (1 << prng.int32(gen, 0, 7));
          break;
        case 1:
          data[at] = prng.int32(gen, 0, 255);
          break;
        case 2:
          data.splice(at, 0, prng.int32(gen, 0, 255));
          break;
        case 3:
          data.splice(at, 1);
          break;
        case 4:
          data = data.slice(0, at);
          break;
        default:
          data.splice(at, 0, ...data.slice(at, at + prng.int32(gen, 1, 16)));
      }
    }
    return new Uint8Array(data);
  }

  private truncatedVarint(): Uint8Array {
    const gen = this.gen;
    const prefix = prng.oneOf(gen, [[], [0], [0, 2], [1], [0, 0]]);
    return new Uint8Array([...prefix, ...Array.from({ length: prng.int32(gen, 1, 12) }, () => 0x80 | prng.int32(gen, 0, 255))]);
  }

  private hugeLength(): Uint8Array {
    const gen = this.gen;
    const length = prng.oneOf(gen, [2 ** 31, 2 ** 32 - 1, 2 ** 40, 2 ** 53 - 1, 8 * 1024 * 1024]);
    const type = prng.oneOf(gen, [
      [MessageType.sync, SyncMessageType.step1],
      [MessageType.sync, SyncMessageType.step2],
      [MessageType.sync, SyncMessageType.update],
      [MessageType.awareness],
    ]);
    return bytes((e) => {
      for (const value of type) encoding.writeVarUint(e, value);
      encoding.writeVarUint(e, length);
      encoding.writeUint8Array(e, prng.uint8Array(gen, prng.int32(gen, 0, 32)));
    });
  }

  private nestedAwareness(): Uint8Array {
    const depth = prng.int32(this.gen, 2, 5000);
    return awarenessMessage([
      { clientId: prng.uint32(this.gen, 1, 2 ** 31), clock: 1, json: '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) },
    ]);
  }

  private enormousAwareness(): Uint8Array {
    const gen = this.gen;
    if (prng.bool(gen)) {
      return awarenessMessage([{ clientId: 9, clock: 1, json: JSON.stringify({ user: { name: 'x'.repeat(prng.int32(gen, 1, 300_000)) } }) }]);
    }
    const count = prng.int32(gen, 10, 2000);
    return awarenessMessage(Array.from({ length: count }, (_, i) => ({ clientId: i + 1, clock: 1, json: '{"user":{"name":"E"}}' })));
  }
}
