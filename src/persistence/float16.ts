/**
 * IEEE 754 half precision (binary16) for the binary model file's compact
 * storage: 1 sign bit, 5 exponent bits, 10 fraction bits; finite values up to
 * 65,504 and about 3 significant decimal digits. (Node 20 has no Float16Array.)
 */

/** The largest finite half-precision value. */
export const FLOAT16_MAX = 65504;

/**
 * The half-precision bits of `value`, rounded to nearest, ties to even.
 * The caller checks |value| ≤ {@link FLOAT16_MAX}; NaN is not expected.
 */
export function toFloat16Bits(value: number): number {
  // Rounded from the float64 itself: going through float32 first would round twice.
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const a = Math.abs(value);
  if (a === 0) return sign;
  if (a >= 65520) return sign | 0x7c00; // rounds past the largest finite value: infinity
  // Exponent e with 2^e <= a < 2^(e+1).
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  if (e < -14) {
    // Subnormal: a multiple of 2^-24.
    const m = roundHalfEven(a * 2 ** 24);
    return sign | m; // m may reach 1024 = the smallest normal, encoded the same way
  }
  let m = roundHalfEven((a / 2 ** e - 1) * 1024);
  if (m === 1024) {
    m = 0;
    e++;
  }
  if (e > 15) return sign | 0x7c00;
  return sign | ((e + 15) << 10) | m;
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  // Math.round rounds .5 up; ties go to the even neighbour instead.
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The value of half-precision bits. */
export function fromFloat16Bits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const e = (bits >> 10) & 0x1f;
  const m = bits & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 31) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}
