/**
 * Yjs updates for the bounded update check (server/sync/updateBounds.ts) and the
 * protocol fuzzer: valid ones made by Yjs' own encoders from seeded random
 * editing, and a corpus of crafted ones that would make Yjs loop, allocate or
 * recurse without bound (yjs/yjs#687 and relatives). Deterministic: same bytes
 * on every run.
 */
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';

function bytes(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** A document edited at random by a few peers (text with formatting, maps, arrays, XML, deletions). */
export function randomEditedDoc(seed: number, edits = 200): { doc: Y.Doc; updates: Uint8Array[] } {
  const gen = prng.create(seed);
  const peers = [0, 1, 2].map((i) => {
    const doc = new Y.Doc();
    doc.clientID = 100 + i;
    return doc;
  });
  const updates: Uint8Array[] = [];
  for (const peer of peers) peer.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < edits; i++) {
    const peer = prng.oneOf(gen, peers);
    const text = peer.getText('body');
    const map = peer.getMap('meta');
    const array = peer.getArray('list');
    const xml = peer.getXmlFragment('prosemirror');
    switch (prng.int32(gen, 0, 8)) {
      case 0:
        text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 12), prng.bool(gen) ? { bold: true } : undefined);
        break;
      case 1:
        if (text.length > 2) text.delete(prng.int32(gen, 0, text.length - 2), prng.int32(gen, 1, 2));
        break;
      case 2:
        map.set(prng.word(gen, 1, 4), prng.oneOf(gen, [1, 'twee', { drie: [3, null, true] }, new Uint8Array([1, 2]), 2.5]));
        break;
      case 3:
        array.insert(prng.int32(gen, 0, array.length), [prng.int32(gen, 0, 1000), prng.word(gen)]);
        break;
      case 4:
        if (array.length > 0) array.delete(prng.int32(gen, 0, array.length - 1), 1);
        break;
      case 5: {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.setAttribute('class', prng.word(gen));
        paragraph.insert(0, [new Y.XmlText(prng.word(gen))]);
        xml.insert(prng.int32(gen, 0, xml.length), [paragraph]);
        break;
      }
      case 6:
        text.format(0, Math.min(3, text.length), { italic: prng.bool(gen) ? true : null });
        break;
      case 7:
        text.insertEmbed(prng.int32(gen, 0, text.length), { image: prng.word(gen) });
        break;
      default: {
        const nested = new Y.Map<unknown>();
        map.set('nested', nested);
        nested.set('k', prng.word(gen));
        break;
      }
    }
    // Peers sync now and then, so items have origins on other clients.
    if (prng.int32(gen, 0, 4) === 0) {
      const [a, b] = [prng.oneOf(gen, peers), prng.oneOf(gen, peers)];
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    }
  }
  for (const a of peers) for (const b of peers) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  for (const peer of peers.slice(1)) peer.destroy();
  return { doc: peers[0]!, updates };
}

/** Every kind of valid update Yjs' encoders make from a random document. */
export function validUpdates(seed: number): Uint8Array[] {
  const { doc, updates } = randomEditedDoc(seed);
  const whole = Y.encodeStateAsUpdate(doc);
  const half = updates.slice(0, updates.length >> 1);
  return [
    ...updates,
    whole,
    Y.mergeUpdates(updates),
    Y.diffUpdate(whole, Y.encodeStateVectorFromUpdate(Y.mergeUpdates(half))),
    Y.encodeStateAsUpdate(new Y.Doc()),
  ];
}

export interface CraftedUpdate {
  name: string;
  update: Uint8Array;
}

/** Updates crafted to make a trusting decoder loop, allocate or recurse without bound. Each must be refused. */
export function craftedUpdates(): CraftedUpdate[] {
  const nestedAny = (depth: number) =>
    bytes((e) => {
      encoding.writeVarUint(e, 1); // one client
      encoding.writeVarUint(e, 1); // one struct
      encoding.writeVarUint(e, 7); // client
      encoding.writeVarUint(e, 0); // clock
      encoding.writeUint8(e, 8); // item, content any, parent follows
      encoding.writeVarUint(e, 1); // parent is a root type …
      encoding.writeVarString(e, 'list'); // … named 'list'
      encoding.writeVarUint(e, 1); // one value
      for (let i = 0; i < depth; i++) {
        encoding.writeUint8(e, 117); // array …
        encoding.writeVarUint(e, 1); // … of one element
      }
      encoding.writeUint8(e, 126); // null
      encoding.writeVarUint(e, 0); // empty delete set
    });
  const formatWithJson = (json: string) =>
    bytes((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 7);
      encoding.writeVarUint(e, 0);
      encoding.writeUint8(e, 6); // content format
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, 'body');
      encoding.writeVarString(e, 'bold');
      encoding.writeVarString(e, json);
      encoding.writeVarUint(e, 0);
    });
  const deleteSet = (entries: [client: number, ranges: [number, number][]][]) =>
    bytes((e) => {
      encoding.writeVarUint(e, 0); // no structs
      encoding.writeVarUint(e, entries.length);
      for (const [client, ranges] of entries) {
        encoding.writeVarUint(e, client);
        encoding.writeVarUint(e, ranges.length);
        for (const [clock, length] of ranges) {
          encoding.writeVarUint(e, clock);
          encoding.writeVarUint(e, length);
        }
      }
    });
  const wholeDocument: [number, number] = [0, 1_000_000_000];
  return [
    {
      // `new Array(count)` before one struct is read: RangeError, or billions of loop turns.
      name: 'a struct count far beyond the message (2^40)',
      update: bytes((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 2 ** 40);
        encoding.writeVarUint(e, 7);
        encoding.writeVarUint(e, 0);
        encoding.writeUint8(e, 0);
        encoding.writeVarUint(e, 1);
      }),
    },
    {
      name: 'a struct count of 2^32-1 with two structs present',
      update: bytes((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 2 ** 32 - 1);
        encoding.writeVarUint(e, 7);
        encoding.writeVarUint(e, 0);
        for (let i = 0; i < 2; i++) {
          encoding.writeUint8(e, 0);
          encoding.writeVarUint(e, 1);
        }
      }),
    },
    {
      name: 'a client count far beyond the message',
      update: bytes((e) => {
        encoding.writeVarUint(e, 2 ** 31);
        encoding.writeVarUint(e, 0);
      }),
    },
    {
      // lib0 makes a view of the underlying ArrayBuffer: it reads past the message's end.
      name: 'a string longer than the message',
      update: bytes((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 7);
        encoding.writeVarUint(e, 0);
        encoding.writeUint8(e, 4);
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 60_000);
        encoding.writeUint8Array(e, new Uint8Array(10));
      }),
    },
    { name: 'any values nested 100,000 deep (stack overflow)', update: nestedAny(100_000) },
    { name: 'any values nested 65 deep (over the limit)', update: nestedAny(65) },
    { name: 'format JSON nested 100,000 deep (re-encoding would overflow the stack)', update: formatWithJson('['.repeat(100_000) + ']'.repeat(100_000)) },
    { name: 'format content that is not JSON', update: formatWithJson('{"bold": tru') },
    {
      // Each range walks every struct of the client again: ranges × document size.
      name: '50,000 overlapping delete ranges over the whole document',
      update: deleteSet([[100, Array.from({ length: 50_000 }, () => wholeDocument)]]),
    },
    {
      name: 'one client 5,000 times in the delete set',
      update: deleteSet(Array.from({ length: 5_000 }, (): [number, [number, number][]] => [100, [wholeDocument]])),
    },
    {
      name: '150,000 delete ranges (over the limit; each may split an item)',
      update: deleteSet([[100, Array.from({ length: 150_000 }, (_, i): [number, number] => [2 * i, 1])]]),
    },
    {
      name: 'a sub-document (the server would build a Y.Doc from client options)',
      update: bytes((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 7);
        encoding.writeVarUint(e, 0);
        encoding.writeUint8(e, 9);
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, 'docs');
        encoding.writeVarString(e, 'sub-guid');
        encoding.writeUint8(e, 118);
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 0);
      }),
    },
    {
      name: 'an unknown content ref (17)',
      update: bytes((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 7);
        encoding.writeVarUint(e, 0);
        encoding.writeUint8(e, 17);
        encoding.writeVarUint(e, 0);
      }),
    },
    {
      // The v2 run-length bomb of yjs/yjs#687 (Y.mergeUpdatesV2 runs forever), sent as a v1 update.
      name: 'the v2 run-length bomb of yjs/yjs#687',
      update: new Uint8Array(Buffer.from('00010000000001000100010200001602000001fdffffffff7f0000', 'hex')),
    },
    {
      name: 'trailing bytes after a valid update',
      update: new Uint8Array([...Y.encodeStateAsUpdate(new Y.Doc()), 0, 0]),
    },
  ];
}
