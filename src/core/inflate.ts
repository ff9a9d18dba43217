/**
 * Decompression that never outgrows what the data declares: DEFLATE streams
 * (inside zlib for PNG, inside gzip for IDX files) inflated a small piece of
 * input at a time into a sink that knows how large the output may be, and
 * stops at the first byte too many. A decompression bomb (a 250 KB file that
 * inflates to gigabytes) is refused after one piece, in a few megabytes.
 * zlib's Adler-32 and gzip's CRC-32 and length are checked as well. Pure
 * TypeScript on fflate's streaming inflater, so it runs in browsers too.
 */
import { Inflate } from 'fflate';

/**
 * Compressed bytes pushed per step: at DEFLATE's largest ratio (about 1:1032)
 * one step makes at most about 8 MB, before the sink can refuse it.
 */
const PIECE = 8192;

/** Receives the output as it is inflated; throws to stop (the error is passed on as it is). */
export type InflateSink = (chunk: Uint8Array) => void;

/** The errors of a bounded inflation, in the words of the format being read. */
export interface InflateErrors {
  /** Damaged compressed data (a bad header, a bad DEFLATE block, a wrong checksum), with the detail. */
  corrupt(detail: string): Error;
  /** The data inflates to more bytes than declared (`expected`). */
  tooMany(expected: number): Error;
  /** The data inflates to fewer bytes (`got`) than declared. */
  tooFew(got: number, expected: number): Error;
}

/** Inflates raw DEFLATE data into `sink`; damaged data gives `errors.corrupt`. */
export function inflateRaw(data: Uint8Array, sink: InflateSink, errors: Pick<InflateErrors, 'corrupt'>): void {
  let sinkError: unknown = null;
  const inflater = new Inflate((chunk) => {
    try {
      if (chunk.length) sink(chunk);
    } catch (err) {
      sinkError = err;
      throw err;
    }
  });
  try {
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
    for (let at = 0; at < data.length; at += PIECE) inflater.push(data.subarray(at, at + PIECE), at + PIECE >= data.length);
  } catch (err) {
    if (sinkError) throw sinkError;
    throw errors.corrupt((err as Error).message);
  }
}

/**
 * A sink that collects exactly `expected` bytes: it refuses more as soon as
 * they come, and `result()` refuses fewer.
 */
export function exactSink(expected: number, errors: InflateErrors): { sink: InflateSink; result: () => Uint8Array } {
  const out = new Uint8Array(expected);
  let n = 0;
  return {
    sink(chunk) {
      if (n + chunk.length > expected) throw errors.tooMany(expected);
      out.set(chunk, n);
      n += chunk.length;
    },
    result() {
      if (n < expected) throw errors.tooFew(n, expected);
      return out;
    },
  };
}

/** The Adler-32 checksum of `data` (zlib's). */
export function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; ) {
    // 5552 bytes keep the sums below 2^53 between reductions (zlib's NMAX).
    const end = Math.min(data.length, i + 5552);
    for (; i < end; i++) {
      a += data[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

let crcTable: Int32Array | null = null;

/** The CRC-32 of `data` (gzip's and PNG's), continuing from `crc` when given. */
export function crc32(data: Uint8Array, crc = 0): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * Inflates zlib data (RFC 1950: a 2-byte header, DEFLATE, the Adler-32 of the
 * output) into exactly `expected` bytes.
 * @throws the error `errors` makes for a bad header, damaged data, a wrong checksum, or more or fewer bytes than expected.
 */
export function inflateZlib(data: Uint8Array, expected: number, errors: InflateErrors): Uint8Array {
  if (data.length < 6) throw errors.corrupt(`${data.length} bytes, too short for zlib data`);
  const cmf = data[0];
  const flg = data[1];
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 !== 0) throw errors.corrupt(`no zlib header (got ${hex(cmf)} ${hex(flg)})`);
  if (flg & 0x20) throw errors.corrupt('a preset dictionary is asked for');
  const out = exactSink(expected, errors);
  inflateRaw(data.subarray(2, data.length - 4), out.sink, errors);
  const result = out.result();
  const want = new DataView(data.buffer, data.byteOffset + data.length - 4, 4).getUint32(0);
  const got = adler32(result);
  if (got !== want) throw errors.corrupt(`Adler-32 checksum ${hex32(got)}, expected ${hex32(want)}`);
  return result;
}

/** Where a gzip member's DEFLATE data starts (RFC 1952 header, optional fields skipped). */
export function gzipDataStart(data: Uint8Array, errors: Pick<InflateErrors, 'corrupt'>): number {
  if (data.length < 18 || data[0] !== 0x1f || data[1] !== 0x8b) throw errors.corrupt('not gzip data (it must start 1f 8b and hold at least 18 bytes)');
  if (data[2] !== 8) throw errors.corrupt(`unknown gzip compression method ${data[2]} (8 is DEFLATE)`);
  const flags = data[3];
  let p = 10;
  if (flags & 4) p += 2 + (data[p] | (data[p + 1] << 8)); // FEXTRA
  for (const bit of [8, 16]) {
    // FNAME, FCOMMENT: zero-terminated
    if (flags & bit) {
      while (p < data.length && data[p] !== 0) p++;
      p++;
    }
  }
  if (flags & 2) p += 2; // FHCRC
  if (p + 8 > data.length) throw errors.corrupt('truncated gzip header');
  return p;
}

/**
 * Inflates one gzip member into the sink, then checks the CRC-32 and the
 * length its trailer states against what came out.
 */
export function gunzipInto(data: Uint8Array, sink: InflateSink, errors: Pick<InflateErrors, 'corrupt'>): void {
  const start = gzipDataStart(data, errors);
  let crc = 0;
  let length = 0;
  inflateRaw(
    data.subarray(start, data.length - 8),
    (chunk) => {
      sink(chunk);
      crc = crc32(chunk, crc);
      length += chunk.length;
    },
    errors,
  );
  const trailer = new DataView(data.buffer, data.byteOffset + data.length - 8, 8);
  const wantCrc = trailer.getUint32(0, true);
  const wantLength = trailer.getUint32(4, true);
  if (crc !== wantCrc) throw errors.corrupt(`CRC-32 ${hex32(crc)}, expected ${hex32(wantCrc)}`);
  if (length % 2 ** 32 !== wantLength) throw errors.corrupt(`${length} bytes inflated, the gzip trailer says ${wantLength}`);
}

const hex = (b: number) => b.toString(16).padStart(2, '0');
const hex32 = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;
