/**
 * Field readers for `fromJSON`: each checks one field of a serialised model
 * and says which field was wrong, so a damaged file never yields a half-built model.
 */
import { describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';

function fail(where: string, field: string, expected: string, got: unknown): never {
  throw new TypeError(`${where}: field '${field}' must be ${expected}, got ${describe(got)}`);
}

/** An object field. */
export function readObject(o: Record<string, unknown>, field: string, where: string, prefix = ''): Record<string, unknown> {
  const v = o[field];
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(where, prefix + field, 'an object', v);
  return v as Record<string, unknown>;
}

/** A finite number field. */
export function readNumber(o: Record<string, unknown>, field: string, where: string, prefix = ''): number {
  const v = o[field];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(where, prefix + field, 'a finite number', v);
  return v;
}

/**
 * An array of finite numbers, of a given length when `length` is set. A
 * Float64Array (as a binary model file gives) is checked and kept, not copied;
 * plain numbers are read into an array from `allocate` (default: a new Float64Array).
 */
export function readFloats(
  o: Record<string, unknown>,
  field: string,
  where: string,
  length?: number,
  prefix = '',
  allocate: (length: number) => Float64Array = (n) => new Float64Array(n),
): Float64Array {
  const v = o[field];
  const expected = length === undefined ? 'an array of finite numbers' : `an array of ${length} finite numbers`;
  const typed = v instanceof Float64Array;
  if (!(Array.isArray(v) || typed) || (length !== undefined && v.length !== length)) fail(where, prefix + field, expected, v);
  if (typed) {
    for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) fail(where, `${prefix}${field}[${i}]`, 'a finite number', v[i]);
    return v;
  }
  const out = allocate(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) fail(where, `${prefix}${field}[${i}]`, 'a finite number', x);
    out[i] = x;
  }
  return out;
}

/**
 * An array of integers, of a given length when `length` is set. An
 * Int32Array (as a binary model file gives) is kept, not copied.
 */
export function readInts(o: Record<string, unknown>, field: string, where: string, length?: number, prefix = ''): Int32Array {
  const v = o[field];
  if (v instanceof Int32Array) {
    if (length !== undefined && v.length !== length) fail(where, prefix + field, `an array of ${length} integers`, v);
    return v;
  }
  const f = readFloats(o, field, where, length, prefix);
  f.forEach((x, i) => {
    // Int32Array.from would wrap a larger integer silently (2**32 + 1 → 1).
    if (!Number.isInteger(x) || Math.abs(x) > 2147483647) fail(where, `${prefix}${field}[${i}]`, 'a 32-bit integer', x);
  });
  return Int32Array.from(f);
}

/** A matrix stored as `{ rows, cols, data }`. */
export function readMatrix(o: Record<string, unknown>, field: string, where: string, prefix = '', allocate?: (length: number) => Float64Array): Matrix {
  const m = readObject(o, field, where, prefix);
  const p = `${prefix}${field}.`;
  const rows = readNumber(m, 'rows', where, p);
  const cols = readNumber(m, 'cols', where, p);
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) fail(where, `${p}rows/cols`, 'non-negative integers', `${rows}×${cols}`);
  return new Matrix(rows, cols, readFloats(m, 'data', where, rows * cols, p, allocate));
}

/**
 * How deep we are in {@link withTypedArrays}: while above 0, {@link arrayToJSON}
 * keeps typed arrays as they are (for a binary model file) instead of making
 * plain arrays (for JSON). Serialisation is synchronous, so a counter suffices.
 */
let typedDepth = 0;

/**
 * Runs `serialise` (a model's `toJSON`) so that its large arrays come out as
 * the model's own typed arrays, not as copies in plain arrays: the binary
 * model file stores them as they are, without a JSON string.
 */
export function withTypedArrays<T>(serialise: () => T): T {
  typedDepth++;
  try {
    return serialise();
  } finally {
    typedDepth--;
  }
}

/**
 * A typed array as `toJSON` gives it: a plain array, or the typed array itself
 * inside {@link withTypedArrays}. The field readers take either.
 */
export function arrayToJSON(a: Float64Array | Int32Array): number[] | Float64Array | Int32Array {
  return typedDepth > 0 ? a : Array.from(a);
}

/** A matrix as a plain JSON object (its data a typed array inside {@link withTypedArrays}). */
export function matrixToJSON(m: Matrix): { rows: number; cols: number; data: number[] | Float64Array | Int32Array } {
  return { rows: m.rows, cols: m.cols, data: arrayToJSON(m.data) };
}
