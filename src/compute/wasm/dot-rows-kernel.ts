/**
 * Dot products of one row with a list of rows of a data set, in WebAssembly
 * SIMD: the kernel rows of SVC training, and the kernel between queries and
 * the support vectors at prediction. The rows sit in WebAssembly memory,
 * padded to an even length: a kernel's own copy, or rows on shared memory
 * that the kernels of several worker threads read (`shareDotRows`,
 * `attachDotRowsKernel`): read where they are when they already live on
 * shared WebAssembly memory (`allocateRows`), else one copy.
 * Each thread's kernel writes in scratch space of its own in the same memory
 * (scratch.ts: reserve it before a call, release it after).
 *
 * Rows that are mostly zeros (MNIST's pixels) take the sparse way: only their
 * nonzero coordinates are read, and each sum adds its products in coordinate
 * order, so it equals the plain sequential loop (`dotRowAgainst`) bit for bit.
 * Denser rows take the dense way (two lanes per sum, rounded differently).
 */
import { dotRowsSharedWasm, dotRowsWasm } from './dot-rows.wasm.js';
import { instantiate, instantiateOn, wasmModule } from './load.js';
import { claimScratch, slotTable, type ScratchSpace } from './scratch.js';
import { memoryOf, newSharedMemory } from '../shared-rows.js';
import type { WasmMemory } from './webassembly-api.js';

/** A kernel over one data set's rows. */
export interface DotRowsKernel {
  /** out[j] = row a · row samples[j], for j in [start, end). */
  dots(a: number, samples: Int32Array, start: number, end: number, out: Float64Array): void;
  /**
   * Takes the `n` queries (up to `maxQueries`) of `queries` (row-major, `cols`
   * values each) for the `queryDots` calls that follow, until the next
   * `loadQueries` or `dots`.
   */
  loadQueries(queries: Float64Array, n: number): void;
  /**
   * out[q·(to − from) + j − from] = query q · row j for the rows j in [from, to)
   * (default: every row), for each query loaded.
   */
  queryDots(out: Float64Array, from?: number, to?: number): void;
}

/** Rows on shared WebAssembly memory, for kernels on several threads (it can be posted to a worker). */
export interface SharedDotRows extends ScratchSpace {
  /** The byte offset of row 0. */
  rowsAt: number;
  rows: number;
  cols: number;
  maxList: number;
  maxQueries: number;
}

/** The sparse way pays (it reads fewer values but each more slowly) when at most this share of a row is nonzero. */
const SPARSE_SHARE = 0.6;
/** Rows per pass over the queries of a block: small enough (about 800 KB of MNIST rows) to stay in a core's cache. */
const ROW_CHUNK = 128;

/** Where things sit: the rows (`stride` values each), then a kernel's scratch space of `scratchBytes`. */
function layout(rows: number, cols: number, maxList: number, maxQueries: number) {
  const stride = cols + (cols % 2);
  const list = Math.max(maxList, maxQueries ? rows : 0) + 4;
  const slots = Math.max(1, maxQueries);
  const outLength = Math.max(list, slots * (ROW_CHUNK + 4));
  const scratchBytes = 8 * slots * stride * 2 + 8 * outLength + 4 * slots * stride + 4 * list;
  return { stride, list, slots, outLength, dataBytes: 8 * rows * stride, scratchBytes };
}

/** Copies rows × cols `data` into `buffer` from byte 0, each row padded to `stride`. */
function copyRows(buffer: ArrayBufferLike, data: Float64Array, rows: number, cols: number, stride: number): void {
  const x = new Float64Array(buffer, 0, rows * stride);
  if (stride === cols) x.set(data.subarray(0, rows * cols));
  else for (let r = 0; r < rows; r++) x.set(data.subarray(r * cols, (r + 1) * cols), r * stride);
}

/**
 * A kernel over the `rows × cols` row-major `data` (its own copy) for lists of
 * up to `maxList` rows (`dots`) and blocks of up to `maxQueries` queries
 * (`loadQueries`, `queryDots`); null where WebAssembly SIMD is not available.
 */
export function createDotRowsKernel(data: Float64Array, rows: number, cols: number, maxList: number, maxQueries = 0): DotRowsKernel | null {
  const mod = wasmModule(dotRowsWasm);
  if (!mod) return null;
  const l = layout(rows, cols, maxList, maxQueries);
  const { memory, exports } = instantiate(mod, l.dataBytes + l.scratchBytes);
  copyRows(memory.buffer, data, rows, cols, l.stride);
  return kernelOn(memory, exports, 0, rows, cols, maxQueries, l, l.dataBytes);
}

/**
 * The rows on shared WebAssembly memory, for `attachDotRowsKernel` on any
 * thread: read in place when `data` lives there already (and needs no
 * padding), else copied once to a new shared memory; null without SIMD.
 */
export function shareDotRows(data: Float64Array, rows: number, cols: number, maxList: number, maxQueries = 0): SharedDotRows | null {
  if (!wasmModule(dotRowsSharedWasm) || typeof SharedArrayBuffer !== 'function') return null;
  const l = layout(rows, cols, maxList, maxQueries);
  const params = { rows, cols, maxList, maxQueries, scratchBytes: l.scratchBytes, tag: 0 };
  const home = memoryOf(data);
  if (home && l.stride === cols) return { memory: home, rowsAt: data.byteOffset, slots: slotTable(home), ...params };
  const memory = newSharedMemory(l.dataBytes);
  if (!memory) return null;
  copyRows(memory.buffer, data, rows, cols, l.stride);
  return { memory, rowsAt: 0, slots: slotTable(memory), ...params };
}

/**
 * A kernel over shared rows, on scratch space of its own (`claimScratch`), so
 * kernels on different threads never write to the same place. Null when the
 * memory cannot grow that far.
 */
export function attachDotRowsKernel(shared: SharedDotRows): DotRowsKernel | null {
  const mod = wasmModule(dotRowsSharedWasm);
  if (!mod) return null;
  const { memory, rows, cols, maxList, maxQueries } = shared;
  const l = layout(rows, cols, maxList, maxQueries);
  const at = claimScratch(shared);
  if (at < 0) return null;
  return kernelOn(memory, instantiateOn(mod, memory), shared.rowsAt, rows, cols, maxQueries, l, at);
}

function kernelOn(
  memory: WasmMemory,
  exports: Record<string, unknown>,
  rowsAt: number,
  rows: number,
  cols: number,
  maxQueries: number,
  l: ReturnType<typeof layout>,
  scratchAt: number,
): DotRowsKernel {
  const dotRows = exports.dotRows as (row: number, at: number, n: number, stride: number, out: number) => void;
  const compact = exports.compact as (row: number, d: number, idx: number, val: number) => number;
  const sparseDots = exports.sparseDots as (nnz: number, idx: number, val: number, at: number, n: number, out: number) => void;
  const { stride, list, slots, outLength } = l;
  // The rows to dot with (a query's slot each), their nonzeros (idx, val), the output and the list.
  const queryAt = scratchAt;
  const valAt = queryAt + 8 * slots * stride;
  const outAt = valAt + 8 * slots * stride;
  const idxAt = outAt + 8 * outLength;
  const atAt = idxAt + 4 * slots * stride;
  // Views of a shared memory stay valid when another thread grows it (a shared buffer is never detached).
  const buffer = memory.buffer;
  const queryView = new Float64Array(buffer, queryAt, slots * stride);
  const at = new Int32Array(buffer, atAt, list);
  const outView = new Float64Array(buffer, outAt, outLength);
  const rowBytes = 8 * stride;
  const sparseLimit = Math.floor(SPARSE_SHARE * cols);

  /**
   * Dots of the row at byte offset `row` (its nonzeros listed in slot `slot`,
   * `nnz` of them) with the n rows listed from byte offset `listAt`, into the output at byte offset `out`.
   */
  const run = (row: number, slot: number, nnz: number, listAt: number, n: number, out: number): void => {
    if (nnz <= sparseLimit) sparseDots(nnz, idxAt + 4 * slot * stride, valAt + 8 * slot * stride, listAt, n, out);
    else dotRows(row, listAt, n, rowBytes, out);
  };
  const listNonzeros = (row: number, slot: number): number => compact(row, cols, idxAt + 4 * slot * stride, valAt + 8 * slot * stride);

  // The queries loaded (their copies and nonzero lists fill the first `loaded` slots).
  let loaded = -1;
  const nnz = new Int32Array(Math.max(1, maxQueries));
  return {
    dots(a, samples, start, end, out) {
      const n = end - start;
      if (n <= 0) return;
      loaded = -1; // slot 0's nonzero list is overwritten
      for (let j = 0; j < n; j++) at[j] = rowsAt + samples[start + j] * rowBytes;
      const padded = (n + 3) & ~3;
      for (let j = n; j < padded; j++) at[j] = at[n - 1]; // repeats, not read back
      const row = rowsAt + a * rowBytes;
      run(row, 0, listNonzeros(row, 0), atAt, padded, outAt);
      out.set(outView.subarray(0, n), start);
    },
    loadQueries(queries, n) {
      if (n > maxQueries) throw new RangeError(`loadQueries: at most ${maxQueries} queries, got ${n}`);
      for (let q = 0; q < n; q++) {
        queryView.set(queries.subarray(q * cols, (q + 1) * cols), q * stride);
        nnz[q] = listNonzeros(queryAt + q * rowBytes, q);
      }
      loaded = n;
    },
    queryDots(out, from = 0, to = rows) {
      if (loaded < 0) throw new Error('queryDots: no queries loaded (call loadQueries first)');
      if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= rows)) {
        throw new RangeError(`queryDots: rows [from, to) must lie within [0, ${rows}], got [${from}, ${to})`);
      }
      if (to === from) return;
      const n = loaded;
      for (let j = from; j < to; j++) at[j] = rowsAt + j * rowBytes;
      for (let j = to; j < to + 4; j++) at[j] = at[to - 1]; // repeats, not read back
      // Chunk by chunk of rows, every query: the chunk stays in cache while the queries read it.
      const chunkOut = ROW_CHUNK + 4;
      const width = to - from;
      for (let r0 = from; r0 < to; r0 += ROW_CHUNK) {
        const m = Math.min(ROW_CHUNK, to - r0);
        const padded = (m + 3) & ~3;
        for (let q = 0; q < n; q++) run(queryAt + q * rowBytes, q, nnz[q], atAt + 4 * r0, padded, outAt + 8 * q * chunkOut);
        for (let q = 0; q < n; q++) out.set(outView.subarray(q * chunkOut, q * chunkOut + m), q * width + r0 - from);
      }
    },
  };
}
