/**
 * Dot products of blocks of rows with a fixed set of rows (the "axes"), a
 * matrix product in WebAssembly SIMD: projecting rows on principal axes for
 * the pruned k-NN search, and the kernel between queries and an SVC's
 * support vectors. Odd sizes are padded with zeros, which change no dot product.
 */
import { dotBlockWasm } from './dot-block.wasm.js';
import { instantiate, wasmModule } from './load.js';
import type { WasmModule } from './webassembly-api.js';

/** A kernel holding the axes; `rows` is where a block's rows go, `coords` where their projections come out. */
export interface DotBlockKernel {
  /** `blockRows × stride` (stride = cols rounded up to even): fill row i's first `cols` values. */
  rows: Float64Array;
  stride: number;
  /** `blockRows × coordStride` (coordStride = axes rounded up to even): row i's projections after `run`. */
  coords: Float64Array;
  coordStride: number;
  /**
   * Projects the first `n` rows of `rows` on the axes from `from` on (even; default 0). Row i's
   * projection on axis from + c is then at coords[i · (coordStride − from) + c].
   */
  run(n: number, from?: number): void;
}

/**
 * A kernel for `count` axes of `cols` values (`axes`, row-major) and blocks
 * of up to `blockRows` rows; null where WebAssembly SIMD is not available.
 */
export function createDotBlockKernel(axes: Float64Array, count: number, cols: number, blockRows: number): DotBlockKernel | null {
  const mod = wasmModule(dotBlockWasm);
  if (!mod) return null;
  // One tiny kernel kept for good (64 KB): its hidden class, which the optimized code of the callers
  // (the SVC's kernel matrix) is bound to, then outlives the kernels of the calls (see svm/ovo.ts, keepSolverShapes).
  keptKernel ??= makeDotBlockKernel(mod, new Float64Array(2), 1, 2, 2);
  return makeDotBlockKernel(mod, axes, count, cols, blockRows);
}

let keptKernel: DotBlockKernel | undefined;

function makeDotBlockKernel(mod: WasmModule, axes: Float64Array, count: number, cols: number, blockRows: number): DotBlockKernel {
  const even = (n: number) => n + (n % 2);
  const stride = even(cols);
  const coordStride = even(count);
  const rowsAt = 0;
  const axesAt = rowsAt + 8 * even(blockRows) * stride;
  const outAt = axesAt + 8 * coordStride * stride;
  const { memory, exports } = instantiate(mod, outAt + 8 * even(blockRows) * coordStride);
  const dot = exports.dotBlock as (a: number, nA: number, b: number, nB: number, d: number, out: number) => void;
  const buffer = memory.buffer;
  const axesView = new Float64Array(buffer, axesAt, coordStride * stride);
  for (let r = 0; r < count; r++) axesView.set(axes.subarray(r * cols, (r + 1) * cols), r * stride);
  const rows = new Float64Array(buffer, rowsAt, even(blockRows) * stride);
  const coords = new Float64Array(buffer, outAt, even(blockRows) * coordStride);
  return {
    rows,
    stride,
    coords,
    coordStride,
    run(n, from = 0) {
      // An odd block gets a zero row (the padding columns stay zero: nothing writes them).
      if (n % 2) rows.fill(0, n * stride, (n + 1) * stride);
      dot(rowsAt, even(n), axesAt + 8 * from * stride, coordStride - from, stride, outAt);
    },
  };
}
