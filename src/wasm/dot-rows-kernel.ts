/**
 * Dot products of one row of a data set with a list of its rows, in
 * WebAssembly SIMD (the kernel rows of SVC training). The kernel holds its own
 * copy of the rows, padded to an even length.
 */
import { dotRowsWasm } from './dot-rows.wasm.js';
import { instantiate, wasmModule } from './load.js';

/** A kernel over one data set's rows. */
export interface DotRowsKernel {
  /** out[j] = row a · row samples[j], for j in [start, end). */
  dots(a: number, samples: Int32Array, start: number, end: number, out: Float64Array): void;
}

/**
 * A kernel over the `rows × cols` row-major `data` for lists of up to
 * `maxList` rows; null where WebAssembly SIMD is not available.
 */
export function createDotRowsKernel(data: Float64Array, rows: number, cols: number, maxList: number): DotRowsKernel | null {
  const mod = wasmModule(dotRowsWasm);
  if (!mod) return null;
  const stride = cols + (cols % 2);
  const list = maxList + 4;
  const dataAt = 0;
  const atAt = dataAt + 8 * rows * stride;
  const outAt = atAt + 4 * list;
  const { memory, exports } = instantiate(mod, outAt + 8 * list);
  const dotRows = exports.dotRows as (row: number, at: number, n: number, stride: number, out: number) => void;
  const buffer = memory.buffer;
  const x = new Float64Array(buffer, dataAt, rows * stride);
  if (stride === cols) x.set(data.subarray(0, rows * cols));
  else for (let r = 0; r < rows; r++) x.set(data.subarray(r * cols, (r + 1) * cols), r * stride);
  const at = new Int32Array(buffer, atAt, list);
  const outView = new Float64Array(buffer, outAt, list);
  const rowBytes = 8 * stride;
  return {
    dots(a, samples, start, end, out) {
      const n = end - start;
      if (n <= 0) return;
      for (let j = 0; j < n; j++) at[j] = samples[start + j] * rowBytes;
      const padded = (n + 3) & ~3;
      for (let j = n; j < padded; j++) at[j] = at[n - 1]; // repeats, not read back
      dotRows(a * rowBytes, atAt, padded, rowBytes, outAt);
      out.set(outView.subarray(0, n), start);
    },
  };
}
