/**
 * Generated documents, the same bytes for every server: built once from a seed
 * and cached as a Yjs update file with a JSON description next to it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { TEXT_NAME } from '../load/clients.ts';

export interface GeneratedDocument {
  /** The update file a client applies before it connects. */
  file: string;
  bytes: number;
  textLength: number;
  stateVector: Uint8Array;
}

function cached(cacheDir: string, name: string, build: () => Y.Doc): GeneratedDocument {
  mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `${name}.bin`);
  const metaFile = path.join(cacheDir, `${name}.json`);
  if (!existsSync(file) || !existsSync(metaFile)) {
    const doc = build();
    const update = Y.encodeStateAsUpdate(doc);
    writeFileSync(file, update);
    writeFileSync(metaFile, JSON.stringify({ textLength: doc.getText(TEXT_NAME).length }));
    doc.destroy();
  }
  const update = new Uint8Array(readFileSync(file));
  const { textLength } = JSON.parse(readFileSync(metaFile, 'utf8')) as { textLength: number };
  return { file, bytes: update.byteLength, textLength, stateVector: Y.encodeStateVectorFromUpdate(update) };
}

/**
 * S4's document: `edits` random edits by ten writers, each at a random place —
 * 90 % inserts of 1–3 letters, 10 % deletes of 1–3 characters. 100,000 edits
 * encode to about 2.2 MB.
 */
export function bigDocument(cacheDir: string, edits: number, seed: number): GeneratedDocument {
  return cached(cacheDir, `big-${edits}-${seed}`, () => {
    const random = prng.create(seed);
    const doc = new Y.Doc();
    const text = doc.getText(TEXT_NAME);
    const writers = 10;
    for (let i = 0; i < edits; i++) {
      if (i % Math.ceil(edits / writers) === 0) doc.clientID = prng.uint32(random, 1, 2 ** 31 - 1);
      const length = text.length;
      if (length > 10 && prng.real53(random) < 0.1) {
        const at = prng.int32(random, 0, length - 1);
        text.delete(at, Math.min(prng.int32(random, 1, 3), length - at));
      } else {
        text.insert(prng.int32(random, 0, length), prng.word(random, 1, 3));
      }
    }
    return doc;
  });
}

/**
 * S3's document: about `chars` characters typed the way people type — one
 * character per transaction, in runs of 20–80 characters at a place picked at
 * random, with one run in seven a few backspaces instead. 10,000 characters
 * encode to about 17.6 KB (476 structs); a live Y.Doc of it takes about 143 KB
 * of V8 heap.
 */
export function textDocument(cacheDir: string, chars: number, seed: number): GeneratedDocument {
  return cached(cacheDir, `typed-${chars}-${seed}`, () => {
    const random = prng.create(seed);
    const doc = new Y.Doc();
    const text = doc.getText(TEXT_NAME);
    // Bounded by the round count too; rounds add 20–80 characters, deletions remove at most 8.
    for (let round = 0; text.length < chars && round < chars; round++) {
      let at = prng.int32(random, 0, text.length);
      if (text.length > 20 && prng.real53(random) < 0.15) {
        for (let n = Math.min(prng.int32(random, 1, 8), at); n > 0; n--) text.delete(--at, 1);
        continue;
      }
      for (let n = prng.int32(random, 20, 80); n > 0; n--) text.insert(at++, prng.letter(random));
    }
    return doc;
  });
}
