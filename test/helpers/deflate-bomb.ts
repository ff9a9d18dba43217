/**
 * Decompression bombs made without allocating what they inflate to: a raw
 * DEFLATE stream of fixed-Huffman blocks, one literal 0 and then matches of
 * 258 bytes at distance 1 (13 bits each), so that about 1.6 MB of stream
 * inflates to 256 MB of zeros.
 */
import { crc32 } from './png-chunks.js';

class Bits {
  private bytes: number[] = [];
  private acc = 0;
  private n = 0;
  /** Writes the `count` low bits of `value`, least significant first (DEFLATE's header fields). */
  put(value: number, count: number): void {
    for (let i = 0; i < count; i++) this.bit((value >> i) & 1);
  }
  /** Writes a Huffman code, most significant bit first. */
  code(value: number, count: number): void {
    for (let i = count - 1; i >= 0; i--) this.bit((value >> i) & 1);
  }
  private bit(b: number): void {
    this.acc |= b << this.n;
    if (++this.n === 8) {
      this.bytes.push(this.acc);
      this.acc = 0;
      this.n = 0;
    }
  }
  done(): Uint8Array {
    if (this.n) this.bytes.push(this.acc);
    return Uint8Array.from(this.bytes);
  }
}

/** A raw DEFLATE stream inflating to the bytes of `prefix`, then `1 + 258·matches` zero bytes. */
export function deflateBomb(matches: number, prefix: ArrayLike<number> = []): Uint8Array {
  const b = new Bits();
  b.put(1, 1); // BFINAL
  b.put(1, 2); // BTYPE 01: fixed Huffman codes
  // Fixed literal codes: 0..143 in 8 bits from 0b00110000, 144..255 in 9 bits from 0b110010000.
  const literal = (v: number) => (v < 144 ? b.code(0b00110000 + v, 8) : b.code(0b110010000 + v - 144, 9));
  for (let i = 0; i < prefix.length; i++) literal(prefix[i]);
  literal(0);
  for (let i = 0; i < matches; i++) {
    b.code(0b11000101, 8); // length code 285: 258 bytes
    b.code(0, 5); // distance code 0: distance 1
  }
  b.code(0, 7); // end of block (256)
  return b.done();
}

/** The bomb as zlib data (its Adler-32 left wrong: a decoder must stop long before it could check it). */
export function zlibBomb(matches: number): Uint8Array {
  const raw = deflateBomb(matches);
  const out = new Uint8Array(raw.length + 6);
  out.set([0x78, 0x01]);
  out.set(raw, 2);
  return out;
}

/** The bomb (after `prefix`) as a gzip member whose trailer claims its whole length (CRC left wrong, for the same reason). */
export function gzipBomb(matches: number, prefix: ArrayLike<number> = []): Uint8Array {
  const raw = deflateBomb(matches, prefix);
  const claimedLength = (prefix.length + 1 + 258 * matches) % 2 ** 32;
  const out = new Uint8Array(10 + raw.length + 8);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
  out.set(raw, 10);
  new DataView(out.buffer).setUint32(10 + raw.length + 4, claimedLength, true);
  return out;
}

export { crc32 };
