/**
 * The checksum of the binary model file: FNV-1a (32 bits) taken over
 * little-endian 32-bit words instead of bytes, the last word zero-padded.
 * Each step (`h = (h ^ word) · 16777619 mod 2^32`) is a bijection of `h`, so
 * changing any one word always changes the checksum; and words make it fast
 * enough for a file of a gigabyte (about 0.3 s).
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The checksum of `bytes`, an unsigned 32-bit integer. */
export function checksum32(bytes: Uint8Array): number {
  const whole = bytes.length >>> 2;
  let h = FNV_OFFSET;
  if ((bytes.byteOffset & 3) === 0 && littleEndian()) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, whole);
    for (let i = 0; i < whole; i++) h = Math.imul(h ^ words[i], FNV_PRIME);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < whole; i++) h = Math.imul(h ^ view.getUint32(i * 4, true), FNV_PRIME);
  }
  const rest = bytes.length & 3;
  if (rest) {
    let last = 0;
    for (let j = 0; j < rest; j++) last |= bytes[whole * 4 + j] << (8 * j);
    h = Math.imul(h ^ last, FNV_PRIME);
  }
  return h >>> 0;
}

/** True on a little-endian machine (every machine Node and the browsers run on today). */
export function littleEndian(): boolean {
  return new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
}
