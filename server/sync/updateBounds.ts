/**
 * A bounded structural check of a Yjs update (format v1, the one y-websocket
 * sends), run before Yjs decodes or applies it.
 *
 * Threat (yjs/yjs#687 and relatives): Yjs trusts the counts and lengths inside
 * an update. A few crafted bytes can claim billions of structs
 * (`new Array(count)` before anything is read), a string or buffer longer than
 * the message (lib0 then reads past the message into whatever shares its
 * ArrayBuffer), `any` values nested deep enough to overflow the stack, or a
 * delete set whose ranges overlap or repeat a client so that each range walks
 * the whole document again. Applying such an update can freeze the one thread
 * every room shares, or throw half-way and force a rebuild from storage.
 *
 * This walk reads every field of the v1 layout with its own reader that checks
 * each length against the bytes that remain, counts what Yjs would allocate,
 * and refuses whatever exceeds the limits below. Its cost is linear in the
 * message's size and allocates nothing per struct, so one message costs at most
 * its own connection. It accepts everything Yjs' own encoders produce (each
 * client written once, delete ranges sorted and merged).
 *
 * Sub-documents (ContentDoc) are refused: Samenspel does not use them, and each
 * one makes the server construct a Y.Doc from options the client chose.
 */

export interface UpdateLimits {
  /** Structs (items, GC and skip ranges) in one update. */
  maxStructs: number;
  /** Delete-set ranges in one update; each not-yet-deleted one may split an item. */
  maxDeleteRanges: number;
  /** Nesting of `any` values (arrays and objects in Y.Array / Y.Map content). */
  maxAnyDepth: number;
}

export const DEFAULT_UPDATE_LIMITS: UpdateLimits = {
  maxStructs: 1_000_000,
  maxDeleteRanges: 100_000,
  maxAnyDepth: 64,
};

export class UpdateBoundsError extends Error {
  override name = 'UpdateBoundsError';
}

/** What the walk counted, for tests and logs. */
export interface UpdateShape {
  clients: number;
  structs: number;
  deleteRanges: number;
}

// Bits of a struct's info byte (yjs/src/utils/encoding.js).
const BITS5 = 0b11111;
const HAS_PARENT_SUB = 0b0010_0000;
const HAS_RIGHT_ORIGIN = 0b0100_0000;
const HAS_ORIGIN = 0b1000_0000;
const GC_REF = 0;
const SKIP_REF = 10;
const CONTENT = { deleted: 1, json: 2, binary: 3, string: 4, embed: 5, format: 6, type: 7, any: 8, doc: 9 } as const;
const TYPE_REF_XML_ELEMENT = 3;
const TYPE_REF_XML_HOOK = 5;
const MAX_TYPE_REF = 6;

const utf8 = new TextDecoder();

class BoundedReader {
  private pos = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  uint8(): number {
    if (this.pos >= this.bytes.length) throw new UpdateBoundsError('unexpected end of update');
    return this.bytes[this.pos++]!;
  }

  varUint(): number {
    let num = 0;
    let mult = 1;
    for (;;) {
      const byte = this.uint8();
      num += (byte & 0x7f) * mult;
      if (byte < 0x80) return num;
      mult *= 128;
      if (num > Number.MAX_SAFE_INTEGER) throw new UpdateBoundsError('integer out of range');
    }
  }

  /** A signed varint (lib0 readVarInt): only skipped, at most 10 bytes. */
  skipVarInt(): void {
    for (let i = 0; i < 10; i++) if (this.uint8() < 0x80) return;
    throw new UpdateBoundsError('integer out of range');
  }

  /** A count of things that take at least `minBytesEach` bytes each: never more than the rest can hold. */
  count(minBytesEach: number, what: string): number {
    const n = this.varUint();
    if (n * minBytesEach > this.remaining) throw new UpdateBoundsError(`${what} count ${n} exceeds the message`);
    return n;
  }

  skip(length: number): void {
    if (length > this.remaining) throw new UpdateBoundsError(`length ${length} exceeds the message`);
    this.pos += length;
  }

  varBytes(): Uint8Array {
    const length = this.varUint();
    if (length > this.remaining) throw new UpdateBoundsError(`length ${length} exceeds the message`);
    const view = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return view;
  }

  varString(): string {
    return utf8.decode(this.varBytes());
  }
}

/** Walks a v1 update; throws an UpdateBoundsError when it is malformed or exceeds a limit. */
export function checkUpdateBounds(update: Uint8Array, limits: UpdateLimits = DEFAULT_UPDATE_LIMITS): UpdateShape {
  const reader = new BoundedReader(update);
  const shape: UpdateShape = { clients: 0, structs: 0, deleteRanges: 0 };

  const clients = reader.count(3, 'client');
  shape.clients = clients;
  for (let c = 0; c < clients; c++) {
    // Every struct takes at least two bytes (info and a length or content field).
    const structs = reader.count(2, 'struct');
    shape.structs += structs;
    if (shape.structs > limits.maxStructs) {
      throw new UpdateBoundsError(`more than ${limits.maxStructs} structs in one update`);
    }
    reader.varUint(); // client
    reader.varUint(); // first clock
    for (let s = 0; s < structs; s++) readStruct(reader, limits);
  }

  const dsClients = reader.count(2, 'delete-set client');
  const seen = new Set<number>();
  for (let c = 0; c < dsClients; c++) {
    const client = reader.varUint();
    if (seen.has(client)) throw new UpdateBoundsError('a client appears twice in the delete set');
    seen.add(client);
    const ranges = reader.count(2, 'delete range');
    shape.deleteRanges += ranges;
    if (shape.deleteRanges > limits.maxDeleteRanges) {
      throw new UpdateBoundsError(`more than ${limits.maxDeleteRanges} delete ranges in one update`);
    }
    let end = 0;
    for (let r = 0; r < ranges; r++) {
      const clock = reader.varUint();
      const length = reader.varUint();
      if (clock < end) throw new UpdateBoundsError('delete ranges overlap or are out of order');
      end = clock + length;
    }
  }
  if (reader.remaining > 0) throw new UpdateBoundsError('trailing bytes after the update');
  return shape;
}

function readStruct(reader: BoundedReader, limits: UpdateLimits): void {
  const info = reader.uint8();
  const ref = info & BITS5;
  if (ref === GC_REF || ref === SKIP_REF) {
    reader.varUint(); // length
    return;
  }
  if (info & HAS_ORIGIN) skipId(reader);
  if (info & HAS_RIGHT_ORIGIN) skipId(reader);
  if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
    // Parent: a root type's name, or the id of the item holding the parent type.
    if (reader.varUint() === 1) reader.varBytes();
    else skipId(reader);
    if (info & HAS_PARENT_SUB) reader.varBytes();
  }
  readContent(reader, ref, limits);
}

function skipId(reader: BoundedReader): void {
  reader.varUint();
  reader.varUint();
}

function readContent(reader: BoundedReader, ref: number, limits: UpdateLimits): void {
  switch (ref) {
    case CONTENT.deleted:
      reader.varUint();
      return;
    case CONTENT.json: {
      const n = reader.count(1, 'JSON value');
      for (let i = 0; i < n; i++) {
        const text = reader.varString();
        if (text !== 'undefined') parseJson(text);
      }
      return;
    }
    case CONTENT.binary:
      reader.varBytes();
      return;
    case CONTENT.string:
      reader.varBytes();
      return;
    case CONTENT.embed:
      parseJson(reader.varString());
      return;
    case CONTENT.format:
      reader.varBytes();
      parseJson(reader.varString());
      return;
    case CONTENT.type: {
      const typeRef = reader.varUint();
      if (typeRef > MAX_TYPE_REF) throw new UpdateBoundsError(`unknown type ref ${typeRef}`);
      if (typeRef === TYPE_REF_XML_ELEMENT || typeRef === TYPE_REF_XML_HOOK) reader.varBytes();
      return;
    }
    case CONTENT.any: {
      const n = reader.count(1, 'any value');
      for (let i = 0; i < n; i++) skipAny(reader, 1, limits.maxAnyDepth);
      return;
    }
    case CONTENT.doc:
      throw new UpdateBoundsError('sub-documents are not supported');
    default:
      throw new UpdateBoundsError(`unknown content ref ${ref}`);
  }
}

/** lib0's `any` encoding (lib0/decoding.js readAny), without building the value. */
function skipAny(reader: BoundedReader, depth: number, maxDepth: number): void {
  if (depth > maxDepth) throw new UpdateBoundsError(`values nested deeper than ${maxDepth}`);
  const type = reader.uint8();
  switch (type) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return;
    case 125: // integer
      reader.skipVarInt();
      return;
    case 124: // float32
      reader.skip(4);
      return;
    case 123: // float64
    case 122: // bigint64
      reader.skip(8);
      return;
    case 119: // string
    case 116: // Uint8Array
      reader.varBytes();
      return;
    case 118: {
      // object: key, value pairs
      const n = reader.count(2, 'object entry');
      for (let i = 0; i < n; i++) {
        reader.varBytes();
        skipAny(reader, depth + 1, maxDepth);
      }
      return;
    }
    case 117: {
      const n = reader.count(1, 'array element');
      for (let i = 0; i < n; i++) skipAny(reader, depth + 1, maxDepth);
      return;
    }
    default:
      throw new UpdateBoundsError(`unknown value type ${type}`);
  }
}

function parseJson(text: string): void {
  // Checked before parsing: Yjs re-encodes this content with the recursive JSON.stringify,
  // so a value nested too deep would make every later encoding of the document throw.
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw new UpdateBoundsError(`JSON nested deeper than ${MAX_JSON_DEPTH}`);
  try {
    JSON.parse(text);
  } catch {
    throw new UpdateBoundsError('content is not valid JSON');
  }
}

const MAX_JSON_DEPTH = 64;

/** The deepest nesting of arrays and objects in a JSON text (valid or not), without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) {
      inString = true;
    } else if (ch === 0x5b || ch === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (ch === 0x5d || ch === 0x7d) {
      depth--;
    }
  }
  return deepest;
}
