/**
 * The first-level bounds of the pruned search in WebAssembly SIMD: the
 * coordinates in f32, four per instruction, the sums finished in f64. Several
 * times the plain loop, which stays as the fallback where WebAssembly SIMD is
 * missing. The f32 rounding stays far inside the search's slack (see
 * bounded-search.ts). Each kernel holds its own f32 copy of the index's
 * first-level coordinates, one kernel per index and thread.
 */
import { firstLevelWasm } from './first-level.wasm.js';
import { instantiate, wasmModule } from './load.js';

/** Queries one call bounds. */
export const KERNEL_QUERIES = 4;

/** A kernel over one index's first-level coordinates. */
export interface FirstLevelKernel {
  /** `blockQueries × nT` bounds, row-major: where `run` writes (a view of the kernel's memory). */
  bounds: Float64Array;
  /**
   * Bounds of 4 queries (their `m0` first-level coordinates one after the
   * other, and their 4 residual norms) into rows `row .. row + 4` of `bounds`.
   */
  run(qHead: Float64Array, qTails: Float64Array, row: number): void;
}

/**
 * A kernel for `nT` rows of `m0` first-level coordinates (`head`, row-major)
 * and their residual norms (`tails`), with room for `blockQueries` rows of
 * bounds (a multiple of 4); null where WebAssembly SIMD is not available or
 * `m0` is not a multiple of 4.
 */
export function createFirstLevelKernel(head: Float64Array, tails: Float64Array, nT: number, m0: number, blockQueries: number): FirstLevelKernel | null {
  const mod = wasmModule(firstLevelWasm);
  if (!mod || m0 % 4 !== 0 || blockQueries % KERNEL_QUERIES !== 0) return null;
  // Layout (bytes): head (f32) | tails | 4 queries (f32) | 4 query tails | bounds; m0 % 4 = 0 keeps all 16-byte aligned.
  const headAt = 0;
  const tailsAt = headAt + 4 * nT * m0;
  const qAt = tailsAt + 8 * nT;
  const qtAt = qAt + 4 * KERNEL_QUERIES * m0;
  const outAt = qtAt + 8 * KERNEL_QUERIES;
  const { memory, exports } = instantiate(mod, outAt + 8 * blockQueries * nT);
  const bounds4 = exports.bounds4 as (head: number, nT: number, m0: number, q: number, tails: number, qt: number, out: number) => void;
  const buffer = memory.buffer;
  new Float32Array(buffer, headAt, nT * m0).set(head.subarray(0, nT * m0));
  new Float64Array(buffer, tailsAt, nT).set(tails);
  const q = new Float32Array(buffer, qAt, KERNEL_QUERIES * m0);
  const qt = new Float64Array(buffer, qtAt, KERNEL_QUERIES);
  const bounds = new Float64Array(buffer, outAt, blockQueries * nT);
  return {
    bounds,
    run(qHead, qTails, row) {
      q.set(qHead);
      qt.set(qTails);
      bounds4(headAt, nT, m0, qAt, tailsAt, qtAt, outAt + 8 * row * nT);
    },
  };
}
