/**
 * The binary model file ("digitkit model file", format version 1): a model too
 * large for one JSON string (k-NN on HOG features of all 60,000 MNIST images:
 * about 1 GB of numbers) saved without making one. A small JSON header holds
 * the model's `toJSON()` tree with each large array replaced by a reference to
 * a blob; the blobs are the arrays' bytes, 8-byte aligned, so loading makes no
 * copy of them.
 *
 * Layout (integers little-endian):
 *
 * | bytes | what |
 * | --- | --- |
 * | 0–7 | magic `89 44 4b 4d 0d 0a 1a 0a` (0x89, "DKM", CR LF, 0x1A, LF) |
 * | 8–11 | format version, u32 (1) |
 * | 12–15 | header length H in bytes, u32 |
 * | 16–19 | header checksum, u32 ({@link checksum32} of the header bytes) |
 * | 20 … 20+H | header, UTF-8 JSON: `{ format: 'digitkit-model', version: 1, dataSize, blobs, model }` |
 * | zero padding to a multiple of 8 | |
 * | data | the blobs, each at `offset` (from the start of the data, a multiple of 8), zero-padded to 8 |
 *
 * Each blob entry is `{ path, type: 'float64' | 'int32' | 'float32' | 'float16', offset, length, checksum }`
 * (`length` in elements, `path` the field it fills, such as
 * `steps[3].model.state.fitX.data`); the model tree holds `{ "$blob": i }` in
 * its place. Browser-safe: bytes in, bytes out; `saveModelFile` and
 * `loadModelFile` of the Node entry write and read files.
 *
 * With the option `precision: 'float32' | 'float16'`, float arrays of at least
 * {@link COMPACT_MIN_LENGTH} values (support vectors, dual coefficients, PCA
 * components: the bulk of a model) are stored at that precision and read back
 * into Float64Arrays, rounded; smaller ones (intercepts, sigmoids, means) stay
 * float64. A shipped model is 4× smaller in float16, at the cost of rounding.
 */
import { describe } from '../core/errors.js';
import type { Model } from '../base/protocol.js';
import { checksum32, littleEndian } from './checksum.js';
import { FLOAT16_MAX, fromFloat16Bits, toFloat16Bits } from './float16.js';
import { withTypedArrays } from './fields.js';
import { loadModel } from '../base/registry.js';

/** The first 8 bytes of every binary model file. */
export const MODEL_FILE_MAGIC: Uint8Array = Uint8Array.of(0x89, 0x44, 0x4b, 0x4d, 0x0d, 0x0a, 0x1a, 0x0a);
/** The format version written (and the only one read). */
export const MODEL_FILE_VERSION = 1;
/** The header's `format` tag. */
export const MODEL_FILE_FORMAT = 'digitkit-model';

/** Magic, version, header length, header checksum. */
const PREFIX_BYTES = 20;
const ELEMENT_BYTES = { float64: 8, int32: 4, float32: 4, float16: 2 } as const;
type BlobType = keyof typeof ELEMENT_BYTES;

/** How float arrays are stored: exactly (float64, the default) or rounded to save space. */
export type ModelFilePrecision = 'float64' | 'float32' | 'float16';

/** Float arrays shorter than this stay float64 whatever the precision (intercepts, sigmoids, means, small tables). */
export const COMPACT_MIN_LENGTH = 4096;

/** The largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

interface BlobEntry {
  path: string;
  type: BlobType;
  offset: number;
  length: number;
  checksum: number;
}

/** A model file as the chunks to write in order (no copy of the model's arrays) and their total size. */
export interface ModelFileChunks {
  chunks: Uint8Array[];
  size: number;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;
const bytesOf = (a: Float64Array | Int32Array | Float32Array | Uint16Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** A float64 array as stored at `precision`, or an error naming the field when a value does not fit. */
function compact(a: Float64Array, precision: ModelFilePrecision, path: string, where: string): Float64Array | Float32Array | Uint16Array {
  if (precision === 'float64' || a.length < COMPACT_MIN_LENGTH) return a;
  const max = precision === 'float32' ? FLOAT32_MAX : FLOAT16_MAX;
  for (let i = 0; i < a.length; i++) {
    if (!(Math.abs(a[i]) <= max)) {
      throw new RangeError(`${where}: field '${path}' holds ${a[i]} at index ${i}, beyond ${precision}'s range (±${max}); save it with precision 'float64'`);
    }
  }
  if (precision === 'float32') return Float32Array.from(a);
  const out = new Uint16Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = toFloat16Bits(a[i]);
  return out;
}

let float16Table: Float64Array | undefined;
/** The value of every half-precision bit pattern (made once, on the first float16 blob). */
function float16Values(): Float64Array {
  if (!float16Table) {
    float16Table = new Float64Array(65536);
    for (let b = 0; b < 65536; b++) float16Table[b] = fromFloat16Bits(b);
  }
  return float16Table;
}

function checkEndianness(where: string): void {
  if (!littleEndian()) throw new Error(`${where}: binary model files need a little-endian machine, and this one is big-endian; save the model as JSON instead`);
}

/**
 * The binary model file of `model` as chunks (the header, then views of the
 * model's own arrays), for writing to a file piece by piece.
 * @throws TypeError when `model` has no `toJSON` or its tree holds a typed array of another kind.
 */
export function encodeModelFile(model: Model, where = 'modelToBytes', precision: ModelFilePrecision = 'float64'): ModelFileChunks {
  checkEndianness(where);
  if (typeof (model as Model | null)?.toJSON !== 'function') {
    throw new TypeError(`${where}: argument 'model' must be a digitkit model (with toJSON()), got ${describe(model)}`);
  }
  const arrays: (Float64Array | Int32Array | Float32Array | Uint16Array)[] = [];
  const entries: BlobEntry[] = [];
  let dataSize = 0;
  const extract = (value: unknown, path: string): unknown => {
    if (value instanceof Float64Array || value instanceof Int32Array) {
      const stored = value instanceof Float64Array ? compact(value, precision, path, where) : value;
      const type: BlobType = stored instanceof Float64Array ? 'float64' : stored instanceof Int32Array ? 'int32' : stored instanceof Float32Array ? 'float32' : 'float16';
      entries.push({ path, type, offset: dataSize, length: stored.length, checksum: checksum32(bytesOf(stored)) });
      arrays.push(stored);
      dataSize += align8(stored.byteLength);
      return { $blob: entries.length - 1 };
    }
    if (ArrayBuffer.isView(value)) throw new TypeError(`${where}: field '${path}' of the model is ${describe(value)}; expected plain values, Float64Array or Int32Array`);
    if (Array.isArray(value)) return value.map((v, i) => extract(v, `${path}[${i}]`));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = extract(v, path ? `${path}.${k}` : k);
      return out;
    }
    return value;
  };
  const tree = extract(withTypedArrays(() => model.toJSON()), '');
  const header = new TextEncoder().encode(JSON.stringify({ format: MODEL_FILE_FORMAT, version: MODEL_FILE_VERSION, dataSize, blobs: entries, model: tree }));
  const head = new Uint8Array(align8(PREFIX_BYTES + header.length));
  head.set(MODEL_FILE_MAGIC, 0);
  const view = new DataView(head.buffer);
  view.setUint32(8, MODEL_FILE_VERSION, true);
  view.setUint32(12, header.length, true);
  view.setUint32(16, checksum32(header), true);
  head.set(header, PREFIX_BYTES);
  const chunks: Uint8Array[] = [head];
  for (const a of arrays) {
    chunks.push(bytesOf(a));
    const pad = align8(a.byteLength) - a.byteLength;
    if (pad) chunks.push(new Uint8Array(pad));
  }
  return { chunks, size: head.length + dataSize };
}

/**
 * `model` as the bytes of a binary model file (see the module's notes for the
 * layout), for models of any size: no JSON string is made. `modelFromBytes`
 * (or `loadModelFile` in Node) reads it back; predictions are identical.
 *
 * ```ts
 * const bytes = modelToBytes(model);      // e.g. to store in IndexedDB
 * const again = modelFromBytes(bytes) as Pipeline;
 * const small = modelToBytes(model, { precision: 'float16' });  // about 4× smaller, rounded
 * ```
 * @throws TypeError when `model` is not a digitkit model or an option is bad;
 *   RangeError when a value is beyond the chosen precision's range.
 */
export function modelToBytes(model: Model, options: ModelToBytesOptions = {}): Uint8Array {
  const { chunks, size } = encodeModelFile(model, 'modelToBytes', readPrecision(options, 'modelToBytes'));
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Options of {@link modelToBytes} and `saveModelFile`. */
export interface ModelToBytesOptions {
  /**
   * How float arrays of at least {@link COMPACT_MIN_LENGTH} values are stored:
   * `'float64'` (default, exact), `'float32'` or `'float16'` (2 or 4 times smaller,
   * rounded: predictions of the model read back may differ slightly from the
   * original's; measure them). A value beyond the precision's range is refused.
   */
  precision?: ModelFilePrecision;
}

/** The `precision` option, checked. */
export function readPrecision(options: unknown, where: string): ModelFilePrecision {
  if (options === null || typeof options !== 'object') throw new TypeError(`${where}: argument 'options' must be an object, got ${describe(options)}`);
  const p = (options as ModelToBytesOptions).precision ?? 'float64';
  if (p !== 'float64' && p !== 'float32' && p !== 'float16') throw new TypeError(`${where}: option 'precision' must be 'float64', 'float32' or 'float16', got ${describe(p)}`);
  return p;
}

/** True when `bytes` start with the binary model file's magic. */
export function isModelFile(bytes: Uint8Array): boolean {
  return bytes.length >= MODEL_FILE_MAGIC.length && MODEL_FILE_MAGIC.every((b, i) => bytes[i] === b);
}

/** Bytes as hexadecimal pairs, for messages (`89 44 4b 4d`). */
export const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
const hex32 = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

/**
 * Rebuilds the model of a binary model file, after checking its magic,
 * version, size and checksums. The model's arrays are views of `bytes`
 * (copied once first when `bytes` is not 8-byte aligned).
 * @param where the call, at the start of messages.
 * @param what how the bytes are named in messages (e.g. `the file model.dkm`).
 * @throws TypeError when the bytes are not a binary model file; RangeError when
 *   the version is another, the file is truncated, or it is corrupt (a checksum,
 *   a size or the header does not match); the model's own `fromJSON` errors.
 */
export function decodeModelFile(bytes: Uint8Array, where = 'modelFromBytes', what = "argument 'bytes'"): unknown {
  checkEndianness(where);
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`${where}: ${what} must be a Uint8Array of a binary model file, got ${describe(bytes)}`);
  if (!isModelFile(bytes)) {
    throw new TypeError(`${where}: ${what} is not a digitkit model file: expected it to start with ${hex(MODEL_FILE_MAGIC)}, got ${bytes.length} bytes starting ${hex(bytes.subarray(0, 8)) || '(nothing)'}`);
  }
  const corrupt = (detail: string): never => {
    throw new RangeError(`${where}: ${what} is corrupt: ${detail}`);
  };
  const truncated = (expected: number): never => {
    throw new RangeError(`${where}: ${what} is truncated: expected ${expected} bytes, got ${bytes.length}`);
  };
  if (bytes.length < PREFIX_BYTES) truncated(PREFIX_BYTES);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== MODEL_FILE_VERSION) {
    throw new RangeError(`${where}: ${what} is a digitkit model file of format version ${version}; expected version ${MODEL_FILE_VERSION} (it was written by another digitkit version)`);
  }
  const headerLength = view.getUint32(12, true);
  const dataStart = align8(PREFIX_BYTES + headerLength);
  if (bytes.length < dataStart) truncated(dataStart);
  const headerBytes = bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength);
  const sum = checksum32(headerBytes);
  if (sum !== view.getUint32(16, true)) corrupt(`the header's checksum is ${hex32(sum)}, expected ${hex32(view.getUint32(16, true))}`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch (err) {
    return corrupt(`its header is not JSON (${(err as Error).message})`);
  }
  if (header === null || typeof header !== 'object' || header.format !== MODEL_FILE_FORMAT || header.version !== MODEL_FILE_VERSION) {
    corrupt(`its header must be tagged format '${MODEL_FILE_FORMAT}', version ${MODEL_FILE_VERSION}, got format ${describe(header?.format)}, version ${describe(header?.version)}`);
  }
  const dataSize = header.dataSize;
  if (!Number.isSafeInteger(dataSize) || (dataSize as number) < 0) corrupt(`its header's 'dataSize' must be an integer >= 0, got ${describe(dataSize)}`);
  const size = dataStart + (dataSize as number);
  if (bytes.length < size) truncated(size);
  if (bytes.length > size) corrupt(`expected ${size} bytes, got ${bytes.length} (${bytes.length - size} after the end)`);
  if (!Array.isArray(header.blobs)) corrupt(`its header's 'blobs' must be an array, got ${describe(header.blobs)}`);
  // The model's arrays are views of the bytes; Float64Array views must start at a multiple of 8.
  const data = (bytes.byteOffset + dataStart) % 8 === 0 ? bytes : bytes.slice();
  const arrays = (header.blobs as unknown[]).map((b, i) => readBlob(b, i, data, dataStart, dataSize as number, corrupt));
  const used = new Set<number>();
  const fill = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(fill);
    if (value === null || typeof value !== 'object') return value;
    const o = value as Record<string, unknown>;
    if ('$blob' in o) {
      const i = o.$blob;
      if (Object.keys(o).length !== 1 || !Number.isInteger(i) || (i as number) < 0 || (i as number) >= arrays.length || used.has(i as number)) {
        corrupt(`its header refers to blob ${describe(i)}; expected each of blobs 0..${arrays.length - 1} once`);
      }
      used.add(i as number);
      return arrays[i as number];
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      // JSON.parse makes '__proto__' an own key; assigning it here would set the object's prototype instead.
      if (k === '__proto__') corrupt(`its header holds a field named '__proto__'`);
      out[k] = fill(v);
    }
    return out;
  };
  const tree = fill(header.model);
  if (used.size !== arrays.length) corrupt(`its header lists ${arrays.length} blobs but the model uses ${used.size}`);
  return loadModel(tree);
}

/** Blob `i`, checked against the data's bounds and its checksum, as a view of `bytes`. */
function readBlob(b: unknown, i: number, bytes: Uint8Array, dataStart: number, dataSize: number, corrupt: (detail: string) => never): Float64Array | Int32Array {
  const e = (b ?? {}) as Partial<BlobEntry>;
  const type = e.type as BlobType;
  if (!Object.hasOwn(ELEMENT_BYTES, type) || !Number.isSafeInteger(e.offset) || !Number.isSafeInteger(e.length) || !Number.isInteger(e.checksum)) {
    corrupt(`blob ${i} must be { path, type: 'float64' | 'int32' | 'float32' | 'float16', offset, length, checksum }, got ${JSON.stringify(b)?.slice(0, 120)}`);
  }
  const byteLength = e.length! * ELEMENT_BYTES[type];
  if (e.offset! < 0 || e.offset! % 8 !== 0 || e.length! < 0 || e.offset! + byteLength > dataSize) {
    corrupt(`blob ${i} ('${e.path}') must lie in the ${dataSize} bytes of data at a multiple of 8, got ${byteLength} bytes at ${e.offset}`);
  }
  const at = bytes.byteOffset + dataStart + e.offset!;
  const raw = new Uint8Array(bytes.buffer, at, byteLength);
  const sum = checksum32(raw);
  if (sum !== e.checksum) corrupt(`blob ${i} ('${e.path}', ${byteLength} bytes) has checksum ${hex32(sum)}, expected ${hex32(e.checksum!)}`);
  if (type === 'float64') return new Float64Array(bytes.buffer, at, e.length);
  if (type === 'int32') return new Int32Array(bytes.buffer, at, e.length);
  // Compact blobs are read back into float64 (a copy): the models compute in float64.
  if (type === 'float32') return Float64Array.from(new Float32Array(bytes.buffer, at, e.length));
  const values = float16Values();
  const bits = new Uint16Array(bytes.buffer, at, e.length);
  const out = new Float64Array(e.length!);
  for (let k = 0; k < out.length; k++) out[k] = values[bits[k]];
  return out;
}

/**
 * Rebuilds any digitkit model from the bytes of a binary model file (from
 * `modelToBytes` or `saveModelFile`).
 * @throws TypeError when the bytes are not a digitkit model file; RangeError for
 *   another format version, a truncated or corrupt file (each with what was
 *   expected and what came); the model's own `fromJSON` errors for a bad field.
 */
export function modelFromBytes(bytes: Uint8Array): unknown {
  return decodeModelFile(bytes, 'modelFromBytes', "argument 'bytes'");
}
