/**
 * Reading and writing IDX files, the format of the MNIST database: pure
 * functions on bytes (no file system), so they also run in a browser.
 *
 * IDX layout (big-endian): a 4-byte magic number `0x00 0x00 <type> <ndim>`,
 * then one 32-bit size per dimension, then the values in C order. digitkit
 * reads type `0x08` (unsigned bytes): `0x00000803` for an image stack
 * (count × rows × cols) and `0x00000801` for a label vector.
 */
import { gunzipInto } from '../core/inflate.js';
import { DatasetError } from './dataset-error.js';
import { ImageSet } from './image-set.js';

/** Magic number of an IDX file of unsigned-byte images (3 dimensions). */
export const IDX_IMAGES_MAGIC = 0x00000803;
/** Magic number of an IDX file of unsigned-byte labels (1 dimension). */
export const IDX_LABELS_MAGIC = 0x00000801;

/** A parsed IDX array of unsigned bytes. */
export interface IdxArray {
  /** The size of each dimension, outermost first. */
  dims: number[];
  /** The values in C order: a view into the parsed bytes (no copy). */
  data: Uint8Array;
}

/** Options shared by the IDX parsers. */
export interface IdxParseOptions {
  /** What the bytes are (usually a file path), used in error messages. Default `'IDX data'`. */
  source?: string;
}

/** Options of {@link parseIdxImages}. */
export interface IdxImagesOptions extends IdxParseOptions {
  /** When given, the image width (columns) the file must have, e.g. 28 for MNIST. */
  width?: number;
  /** When given, the image height (rows) the file must have, e.g. 28 for MNIST. */
  height?: number;
}

/** Options of {@link parseIdxLabels}. */
export interface IdxLabelsOptions extends IdxParseOptions {
  /** The largest label allowed (labels run from 0). Default 9, for digits. */
  maxLabel?: number;
}

/** True when `bytes` start with the gzip magic bytes `1f 8b`. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The most bytes an IDX file may declare: 2 GiB (MNIST's largest file is 47 MB).
 * A header declaring more is refused before any memory is taken for it.
 */
export const MAX_IDX_BYTES = 2 ** 31;

/**
 * Decompresses gzip bytes (pure JavaScript), checking the CRC-32 and the
 * length in the gzip trailer, and never holding more than the trailer
 * declares (nor more than `maxBytes` when given): a gzip bomb is refused after
 * a few megabytes.
 * @throws DatasetError naming `source` when the data is not valid gzip, fails its checks, or inflates to more than declared.
 */
export function gunzip(bytes: Uint8Array, source = 'gzip data', maxBytes = MAX_IDX_BYTES): Uint8Array {
  const corrupt = (detail: string) => new DatasetError(`${source}: corrupt gzip data (${detail})`, source);
  if (bytes.length < 18) throw corrupt(`${bytes.length} bytes, too short for gzip`);
  const declared = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0, true);
  const limit = Math.min(declared, maxBytes);
  const parts: Uint8Array[] = [];
  let n = 0;
  gunzipInto(
    bytes,
    (chunk) => {
      if (n + chunk.length > limit) {
        throw declared > maxBytes
          ? new DatasetError(`${source}: gzip data declares ${declared} bytes, more than the ${maxBytes} digitkit reads`, source)
          : corrupt(`it inflates to more than the ${declared} bytes its trailer declares`);
      }
      parts.push(chunk.slice());
      n += chunk.length;
    },
    { corrupt },
  );
  return join(parts, n);
}

/**
 * Decompresses a gzip'd IDX file, taking no more memory than its IDX header
 * declares: the header is read from the first bytes out, the file's size
 * follows from it, and one byte more stops the inflation.
 */
function gunzipIdx(bytes: Uint8Array, source: string): Uint8Array {
  const corrupt = (detail: string) => new DatasetError(`${source}: corrupt gzip data (${detail})`, source);
  let head: Uint8Array = new Uint8Array(0);
  let out: Uint8Array | null = null;
  let h: ReturnType<typeof idxHeader> = null;
  let n = 0;
  gunzipInto(
    bytes,
    (chunk) => {
      if (!h) {
        head = join([head, chunk.slice()], head.length + chunk.length);
        h = idxHeader(head, source, false);
        if (!h) return;
        out = new Uint8Array(h.header + h.size);
        chunk = head;
      }
      if (n + chunk.length > out!.length) throw trailing(source, { ...h, got: 'more' });
      out!.set(chunk, n);
      n += chunk.length;
    },
    { corrupt },
  );
  if (!out) {
    idxHeader(head, source, true);
    throw new DatasetError(`${source}: truncated IDX file: ${head.length} bytes`, source);
  }
  return (out as Uint8Array).subarray(0, n);
}

/** The header of an IDX file: the dimensions, the header's length and the number of values; null when `raw` is too short to tell and not `complete`. */
function idxHeader(raw: Uint8Array, source: string, complete: boolean): { dims: number[]; header: number; size: number } | null {
  if (raw.length < 4) {
    if (!complete) return null;
    throw new DatasetError(`${source}: truncated IDX file: expected at least a 4-byte header, got ${raw.length} bytes`, source);
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  if (raw[0] !== 0 || raw[1] !== 0 || raw[2] !== 0x08 || raw[3] === 0) {
    throw new DatasetError(
      `${source}: not an IDX file of unsigned bytes: expected a magic number 0x000008nn (nn = number of dimensions ≥ 1), got ${hex(view.getUint32(0))}`,
      source,
    );
  }
  const ndim = raw[3];
  const header = 4 + 4 * ndim;
  if (raw.length < header) {
    if (!complete) return null;
    throw new DatasetError(`${source}: truncated IDX file: expected a ${header}-byte header for ${ndim} dimensions, got ${raw.length} bytes`, source);
  }
  const dims: number[] = [];
  let size = 1;
  for (let d = 0; d < ndim; d++) {
    const v = view.getUint32(4 + 4 * d);
    dims.push(v);
    size *= v;
  }
  if (header + size > MAX_IDX_BYTES) {
    throw new DatasetError(`${source}: the IDX header declares ${dims.join('×')} values, more than the ${MAX_IDX_BYTES} bytes digitkit reads`, source);
  }
  return { dims, header, size };
}

function trailing(source: string, h: { dims: number[]; header: number; size: number; got: number | 'more' }): DatasetError {
  const expected = h.header + h.size;
  const what = h.got !== 'more' && h.got < expected ? 'truncated IDX file' : 'IDX file has trailing bytes';
  const got = h.got === 'more' ? `more once decompressed` : `${h.got}`;
  return new DatasetError(`${source}: ${what}: expected ${expected} bytes (${h.header}-byte header + ${h.dims.join('×')} values), got ${got}`, source);
}

function join(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Parses an IDX array of unsigned bytes (gzip-compressed or not).
 *
 * Checks the magic number's zero bytes and type byte, that the header is
 * complete, and that the length is exactly header + product of the sizes.
 *
 * @returns the sizes and a view of the values (a Buffer input gives a plain Uint8Array view).
 * @throws DatasetError naming the source and what was expected vs found.
 */
export function parseIdx(bytes: Uint8Array, options: IdxParseOptions = {}): IdxArray {
  const source = options.source ?? 'IDX data';
  const raw = plain(isGzip(bytes) ? gunzipIdx(bytes, source) : bytes);
  const { dims, header, size } = idxHeader(raw, source, true)!;
  const expected = header + size;
  if (raw.length !== expected) throw trailing(source, { dims, header, size, got: raw.length });
  return { dims, data: raw.subarray(header, expected) };
}

/**
 * Parses an IDX image file (magic `0x00000803`: count × height × width unsigned bytes).
 * @returns an {@link ImageSet} viewing the parsed bytes.
 * @throws DatasetError on a wrong magic number, wrong image size, or a truncated/corrupt file.
 */
export function parseIdxImages(bytes: Uint8Array, options: IdxImagesOptions = {}): ImageSet {
  const source = options.source ?? 'IDX data';
  const raw = isGzip(bytes) ? gunzipIdx(bytes, source) : bytes;
  checkMagic(raw, IDX_IMAGES_MAGIC, 'images', source);
  const { dims, data } = parseIdx(raw, { source });
  const [count, height, width] = dims;
  if ((options.height !== undefined && height !== options.height) || (options.width !== undefined && width !== options.width)) {
    throw new DatasetError(
      `${source}: wrong image size: expected ${options.height ?? '*'}×${options.width ?? '*'} pixels (rows×cols), got ${height}×${width}`,
      source,
    );
  }
  return new ImageSet(data, count, width, height);
}

/**
 * Parses an IDX label file (magic `0x00000801`: one unsigned byte per label).
 * @returns the labels as a new Int32Array.
 * @throws DatasetError on a wrong magic number, a label above `maxLabel`, or a truncated/corrupt file.
 */
export function parseIdxLabels(bytes: Uint8Array, options: IdxLabelsOptions = {}): Int32Array {
  const source = options.source ?? 'IDX data';
  const maxLabel = options.maxLabel ?? 9;
  const raw = isGzip(bytes) ? gunzipIdx(bytes, source) : bytes;
  checkMagic(raw, IDX_LABELS_MAGIC, 'labels', source);
  const { data } = parseIdx(raw, { source });
  const labels = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v > maxLabel) {
      throw new DatasetError(`${source}: label out of range: expected 0..${maxLabel}, got ${v} at index ${i}`, source);
    }
    labels[i] = v;
  }
  return labels;
}

/**
 * Encodes unsigned bytes as an (uncompressed) IDX file: the inverse of {@link parseIdx}.
 * @param dims the sizes, outermost first; their product must equal `data.length`.
 */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  if (dims.length < 1 || dims.length > 255 || !dims.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff)) {
    throw new RangeError(`encodeIdx: parameter 'dims' must be 1 to 255 integer sizes in 0..2^32-1, got [${dims.join(', ')}]`);
  }
  const size = dims.reduce((a, b) => a * b, 1);
  if (data.length !== size) {
    throw new RangeError(`encodeIdx: parameter 'data' must hold ${dims.join('×')} = ${size} values, got ${data.length}`);
  }
  const header = 4 + 4 * dims.length;
  const out = new Uint8Array(header + size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x0800 | dims.length);
  dims.forEach((n, d) => view.setUint32(4 + 4 * d, n));
  out.set(data, header);
  return out;
}

/** Encodes an {@link ImageSet} as an IDX image file (magic `0x00000803`). */
export function encodeIdxImages(images: ImageSet): Uint8Array {
  return encodeIdx([images.count, images.height, images.width], images.data);
}

/** Encodes labels 0..255 as an IDX label file (magic `0x00000801`). */
export function encodeIdxLabels(labels: ArrayLike<number>): Uint8Array {
  const data = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (!Number.isInteger(v) || v < 0 || v > 255) {
      throw new RangeError(`encodeIdxLabels: parameter 'labels' must hold integers in 0..255, got ${v} at index ${i}`);
    }
    data[i] = v;
  }
  return encodeIdx([labels.length], data);
}

function checkMagic(raw: Uint8Array, expected: number, what: string, source: string): void {
  if (raw.length < 4) {
    throw new DatasetError(`${source}: truncated IDX file: expected at least a 4-byte header, got ${raw.length} bytes`, source);
  }
  const got = ((raw[0] << 24) | (raw[1] << 16) | (raw[2] << 8) | raw[3]) >>> 0;
  if (got !== expected) {
    throw new DatasetError(`${source}: wrong magic number for IDX ${what}: expected ${hex(expected)}, got ${hex(got)}`, source);
  }
}

/** A plain Uint8Array over the same memory (so that a Node Buffer's `slice` view semantics never leak out). */
function plain(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function hex(n: number): string {
  return '0x' + n.toString(16).padStart(8, '0');
}
