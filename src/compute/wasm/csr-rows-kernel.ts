/**
 * Dot products of one training row with a list of training rows, for the
 * kernel rows of SVC training, on rows kept compressed: only their nonzeros,
 * each as a coordinate (2 bytes) and a code (1 byte) into a table of the data
 * set's distinct values (csr-rows.wat). Three bytes a nonzero instead of 8 a
 * coordinate: MNIST's 60,000 training rows take 27 MB instead of 376, and a
 * kernel row reads about a tenth of the bytes, which made it about twice as
 * fast as reading the dense rows (dot-rows-kernel.ts).
 *
 * Only for data it suits: mostly zeros, at most 256 distinct nonzero values
 * (pixels / 255, the 8×8 digits' counts) and at most 65,536 columns; the
 * constructors return null for anything else. Each sum adds its products in
 * coordinate order: the plain sequential loop's value, bit for bit.
 */
import { csrRowsSharedWasm, csrRowsWasm } from './csr-rows.wasm.js';
import type { DotRowsKernel } from './dot-rows-kernel.js';
import { instantiate, instantiateOn, wasmModule } from './load.js';
import { claimScratch, slotTable, type ScratchSpace } from './scratch.js';
import { newSharedMemory } from '../shared-rows.js';
import type { WasmMemory } from './webassembly-api.js';

/** Compressed rows on shared WebAssembly memory (it can be posted to a worker). */
export interface SharedCsrRows extends ScratchSpace, CsrLayout {}

/** Where the compressed rows sit in their memory, and their sizes. */
interface CsrLayout {
  rows: number;
  cols: number;
  maxList: number;
  /** Byte offsets of the row starts (rows + 1 i32), the coordinates (u16), the codes (u8) and the value table (256 f64). */
  ptrAt: number;
  idxAt: number;
  codeAt: number;
  tableAt: number;
  dataBytes: number;
}

/** Compression pays only for rows at most this share nonzero. */
const MAX_DENSITY = 0.6;
const MAX_VALUES = 256;
const MAX_COLS = 65536;
const even = (n: number) => n + (n % 2);

/** The nonzero count and the distinct nonzero values (their codes), or null when the data does not suit. */
function survey(data: Float64Array, rows: number, cols: number): { nnz: number; codes: Map<number, number> } | null {
  if (cols > MAX_COLS || rows === 0) return null;
  const codes = new Map<number, number>();
  let nnz = 0;
  const n = rows * cols;
  for (let k = 0; k < n; k++) {
    const v = data[k];
    if (v === 0) continue;
    nnz++;
    if (!codes.has(v)) {
      if (codes.size === MAX_VALUES) return null;
      codes.set(v, codes.size);
    }
  }
  return nnz <= MAX_DENSITY * n ? { nnz, codes } : null;
}

function layoutOf(rows: number, cols: number, maxList: number, nnz: number): CsrLayout & { scratchBytes: number } {
  const ptrAt = 0;
  const idxAt = ptrAt + 4 * (rows + 1);
  const codeAt = idxAt + 2 * nnz;
  const tableAt = Math.ceil((codeAt + nnz) / 8) * 8;
  const dataBytes = tableAt + 8 * MAX_VALUES;
  // A kernel's scratch: the dense row, the list, the output.
  const scratchBytes = 8 * cols + 4 * even(maxList) + 8 * maxList;
  return { rows, cols, maxList, ptrAt, idxAt, codeAt, tableAt, dataBytes, scratchBytes };
}

/** Writes the compressed rows of `data` into `buffer` at the layout's places. */
function compress(buffer: ArrayBufferLike, data: Float64Array, l: CsrLayout, nnz: number, codes: Map<number, number>): void {
  const { rows, cols } = l;
  const ptr = new Int32Array(buffer, l.ptrAt, rows + 1);
  const idx = new Uint16Array(buffer, l.idxAt, nnz);
  const code = new Uint8Array(buffer, l.codeAt, nnz);
  const table = new Float64Array(buffer, l.tableAt, MAX_VALUES);
  for (const [v, c] of codes) table[c] = v;
  let p = 0;
  for (let r = 0; r < rows; r++) {
    ptr[r] = p;
    for (let c = 0, k = r * cols; c < cols; c++, k++) {
      const v = data[k];
      if (v === 0) continue;
      idx[p] = c;
      code[p] = codes.get(v)!;
      p++;
    }
  }
  ptr[rows] = p;
}

/**
 * A kernel over the compressed `rows × cols` row-major `data` (its own copy)
 * for lists of up to `maxList` rows; null where WebAssembly is missing or the
 * data does not suit (see the module's note).
 */
export function createCsrRowsKernel(data: Float64Array, rows: number, cols: number, maxList: number): DotRowsKernelOfList | null {
  const mod = wasmModule(csrRowsWasm);
  const s = mod && survey(data, rows, cols);
  if (!mod || !s) return null;
  const l = layoutOf(rows, cols, maxList, s.nnz);
  const { memory, exports } = instantiate(mod, l.dataBytes + l.scratchBytes);
  compress(memory.buffer, data, l, s.nnz, s.codes);
  return kernelOn(memory, exports, l, l.dataBytes);
}

/** The compressed rows on a new shared WebAssembly memory, for `attachCsrRowsKernel` on any thread; null where they do not suit. */
export function shareCsrRows(data: Float64Array, rows: number, cols: number, maxList: number): SharedCsrRows | null {
  if (!wasmModule(csrRowsSharedWasm) || typeof SharedArrayBuffer !== 'function') return null;
  const s = survey(data, rows, cols);
  if (!s) return null;
  const l = layoutOf(rows, cols, maxList, s.nnz);
  const memory = newSharedMemory(l.dataBytes);
  if (!memory) return null;
  compress(memory.buffer, data, l, s.nnz, s.codes);
  return { ...l, memory, slots: slotTable(memory), tag: 0 };
}

/** A kernel over shared compressed rows, on scratch space of its own; null when the memory cannot grow that far. */
export function attachCsrRowsKernel(shared: SharedCsrRows): DotRowsKernelOfList | null {
  const mod = wasmModule(csrRowsSharedWasm);
  if (!mod) return null;
  const at = claimScratch(shared);
  return at < 0 ? null : kernelOn(shared.memory, instantiateOn(mod, shared.memory), shared, at);
}

/** The part of a dot-rows kernel this one has: dots of a row with a list of rows. */
export type DotRowsKernelOfList = Pick<DotRowsKernel, 'dots'>;

function kernelOn(memory: WasmMemory, exports: Record<string, unknown>, l: CsrLayout, scratchAt: number): DotRowsKernelOfList {
  const csrDots = exports.csrDots as (a: number, ptr: number, idx: number, code: number, table: number, list: number, n: number, out: number) => void;
  const { cols, maxList } = l;
  const buffer = memory.buffer;
  const ptr = new Int32Array(buffer, l.ptrAt, l.rows + 1);
  const idx = new Uint16Array(buffer, l.idxAt, ptr[l.rows]);
  const code = new Uint8Array(buffer, l.codeAt, ptr[l.rows]);
  const table = new Float64Array(buffer, l.tableAt, MAX_VALUES);
  const aAt = scratchAt;
  const listAt = aAt + 8 * cols;
  const outAt = listAt + 4 * even(maxList); // 8-byte aligned
  const dense = new Float64Array(buffer, aAt, cols);
  const list = new Int32Array(buffer, listAt, maxList);
  const outView = new Float64Array(buffer, outAt, maxList);
  let expanded = -1; // the row now in `dense`
  /** Row a, dense, in the scratch row (the previous row's nonzeros cleared). */
  const expand = (a: number): void => {
    if (a === expanded) return;
    if (expanded >= 0) for (let p = ptr[expanded]; p < ptr[expanded + 1]; p++) dense[idx[p]] = 0;
    for (let p = ptr[a]; p < ptr[a + 1]; p++) dense[idx[p]] = table[code[p]];
    expanded = a;
  };
  return {
    dots(a, samples, start, end, out) {
      const n = end - start;
      if (n <= 0) return;
      if (n > maxList) throw new RangeError(`dots: at most ${maxList} rows, got ${n}`);
      expand(a);
      list.set(samples.subarray(start, end));
      csrDots(aAt, l.ptrAt, l.idxAt, l.codeAt, l.tableAt, listAt, n, outAt);
      out.set(outView.subarray(0, n), start);
    },
  };
}
