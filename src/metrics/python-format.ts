/**
 * Python's fixed-point number formatting, so that digitkit's text reports are
 * character-for-character those of scikit-learn.
 *
 * Python's `'{:.2f}'.format(x)` rounds the exact binary value of `x` to the
 * nearest multiple of 10^-2 and breaks an exact tie to the even digit
 * (`0.125` → `'0.12'`). JavaScript's `toFixed` breaks ties upwards
 * (`(0.125).toFixed(2)` → `'0.13'`) and gives up above 1e21, so it cannot be
 * used as is.
 */

const view = new DataView(new ArrayBuffer(8));

/**
 * Formats a number as Python's `format(x, '.{digits}f')` does.
 *
 * @param x any number; NaN and infinities print as Python prints them (`nan`, `inf`, `-inf`).
 * @param digits the number of digits after the decimal point, an integer >= 0.
 */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isInteger(digits) || digits < 0) {
    throw new RangeError(`formatFixed: parameter 'digits' must be an integer >= 0, got ${digits}`);
  }
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const negative = x < 0 || Object.is(x, -0);
  // |x| = mantissa · 2^exponent exactly.
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) {
    exponent = -1074; // subnormal
  } else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  const scale = 10n ** BigInt(digits);
  // scaled = round-half-even(|x| · 10^digits)
  let scaled: bigint;
  if (exponent >= 0) {
    scaled = (mantissa << BigInt(exponent)) * scale;
  } else {
    const shift = BigInt(-exponent);
    const numerator = mantissa * scale;
    scaled = numerator >> shift;
    const remainder = numerator - (scaled << shift);
    const half = 1n << (shift - 1n);
    if (remainder > half || (remainder === half && (scaled & 1n) === 1n)) scaled += 1n;
  }
  let text = scaled.toString();
  if (digits > 0) {
    text = text.padStart(digits + 1, '0');
    text = `${text.slice(0, text.length - digits)}.${text.slice(text.length - digits)}`;
  }
  return negative ? `-${text}` : text;
}

/** The length of a string in Unicode code points, as Python's `len` counts it. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Right-aligns `text` in a field of `width` code points, as Python's `'{:>{width}}'` does. */
export function alignRight(text: string, width: number): string {
  const pad = width - codePointLength(text);
  return pad > 0 ? ' '.repeat(pad) + text : text;
}
