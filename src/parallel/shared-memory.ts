/**
 * Copies of typed arrays on shared memory, so that worker threads read the
 * same bytes instead of a copy each. Model-sized arrays are copied once per
 * model (kept beside it in a WeakMap), query-sized ones once per call.
 */
import type { BoundIndex } from '../neighbors/bounded-search.js';
import type { Matrix } from '../core/matrix.js';
import type { PreparedRows, TrainRows } from '../neighbors/metric.js';
import { shareDotRows, type SharedDotRows } from '../compute/wasm/dot-rows-kernel.js';

const sharedCopies = new WeakMap<object, unknown>();
const sharedKernelRows = new WeakMap<object, unknown>();

/** `make(value)` once per `value` (an object the model keeps) and kind of copy (`made`), then the same result. */
function once<K extends object, V>(value: K, make: (v: K) => V, made = sharedCopies): V {
  if (!made.has(value)) made.set(value, make(value));
  return made.get(value) as V;
}

/** `a` on a SharedArrayBuffer: itself when it is there already (e.g. from `allocateRows`), else a copy. */
export function toShared<T extends Float64Array | Int32Array | Uint8Array>(a: T): T {
  if (typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const s = new Ctor(new SharedArrayBuffer(a.byteLength));
  s.set(a as never);
  return s;
}

/**
 * Rows on shared memory; `keep` for a model's rows (copied once per model). Byte rows are made on a
 * SharedArrayBuffer by the fit (`prepareTrainRows`) and stay where they are; their 256 values are copied
 * with the message (2 KB).
 */
export function sharedRows<R extends TrainRows>(r: R, keep: boolean): R {
  const make = (x: TrainRows): TrainRows =>
    x.bytes
      ? { bytes: toShared(x.bytes), values: x.values, rows: x.rows, cols: x.cols, sqNorms: toShared(x.sqNorms) }
      : { data: toShared(x.data), rows: x.rows, cols: x.cols, sqNorms: toShared(x.sqNorms) };
  return (keep ? once(r, make) : make(r)) as R;
}

/** A pruned search's index on shared memory, copied once per model. */
export function sharedIndex(index: BoundIndex): BoundIndex {
  return once(index, (i) => ({
    ...i,
    axes: { ...i.axes, mean: toShared(i.axes.mean), axes: toShared(i.axes.axes) },
    head: toShared(i.head),
    rest: toShared(i.rest),
    tails: toShared(i.tails),
  }));
}

/** A model's array on shared memory, copied once per array. */
export function sharedArray<T extends Float64Array | Int32Array>(a: T): T {
  return once(a, toShared);
}

/**
 * A model's rows (an SVC's support vectors) as one copy on shared WebAssembly
 * memory, for the dot-rows kernels of every worker thread to take blocks of up
 * to `maxQueries` queries; made once per model, or null without WebAssembly SIMD.
 */
export function sharedDotRows(m: Matrix, maxQueries: number): SharedDotRows | null {
  return once(m.data, (data) => shareDotRows(data, m.rows, m.cols, 0, maxQueries), sharedKernelRows);
}
