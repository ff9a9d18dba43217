/**
 * Sums of Gram matrices, R·Rᵀ for blocks of rows R, upper triangle only: the
 * scatter matrix Σ xxᵀ of many rows (R = a block of them transposed, one row
 * per feature) and the Gram matrix of a few rows (R = the rows). The dot
 * products run in the WebAssembly SIMD module of dot-block.wat where it is
 * available, else in the TypeScript `dotBlock`; both skip the blocks below the
 * diagonal, which symmetry gives.
 */
import { dotBlock } from './dot-products.js';
import { dotBlockWasm } from './wasm/dot-block.wasm.js';
import { instantiate, wasmModule } from './wasm/load.js';

/** Rows whose Gram matrix is added, panel by panel, to a running sum. */
export interface GramBlock {
  /** `count × stride` row-major: fill the first `length` values of each row; the padding stays zero. */
  readonly rows: Float64Array;
  /** Values per row of `rows` (`length` rounded up to even). */
  readonly stride: number;
  /**
   * Adds the upper triangle (j ≥ i) of rows·rowsᵀ to `out`, a `count × count`
   * row-major array; the entries below the diagonal are not touched.
   */
  accumulate(out: Float64Array): void;
}

/**
 * Rows of this many: the products of PANEL rows with the rows after them are
 * one call; 64 keeps a call's output (64 × 2,026 values, 1 MB) in cache.
 */
const PANEL = 64;

const even = (n: number) => n + (n % 2);

/**
 * A block of `count` rows of `length` values whose Gram matrix can be summed
 * (in WebAssembly memory where SIMD is available).
 */
export function createGramBlock(count: number, length: number): GramBlock {
  const stride = even(length);
  const countPad = even(count);
  const mod = wasmModule(dotBlockWasm);
  if (mod) {
    const outAt = 8 * countPad * stride;
    let instance: ReturnType<typeof instantiate> | null = null;
    try {
      instance = instantiate(mod, outAt + 8 * PANEL * countPad);
    } catch {
      // A memory that cannot grow so far (4 GB at most): the TypeScript path below has no such limit.
      instance = null;
    }
    if (instance) {
      const dot = instance.exports.dotBlock as (a: number, nA: number, b: number, nB: number, d: number, out: number) => void;
      const buffer = instance.memory.buffer;
      const rows = new Float64Array(buffer, 0, countPad * stride);
      const panel = new Float64Array(buffer, outAt, PANEL * countPad);
      return {
        rows,
        stride,
        accumulate(out) {
          for (let p0 = 0; p0 < count; p0 += PANEL) {
            // Both even: a panel of the padded rows against the padded rows from p0 on.
            const nA = Math.min(PANEL, countPad - p0);
            const nB = countPad - p0;
            dot(8 * p0 * stride, nA, 8 * p0 * stride, nB, stride, outAt);
            addUpper(panel, nA, nB, p0, count, out);
          }
        },
      };
    }
  }
  const rows = new Float64Array(count * stride);
  const panel = new Float64Array(PANEL * count);
  return {
    rows,
    stride,
    accumulate(out) {
      for (let p0 = 0; p0 < count; p0 += PANEL) {
        const nA = Math.min(PANEL, count - p0);
        const nB = count - p0;
        const from = rows.subarray(p0 * stride);
        dotBlock(from, nA, from, nB, stride, panel);
        addUpper(panel, nA, nB, p0, count, out);
      }
    },
  };
}

/** Adds the products of rows p0 + a with rows p0 + b (b ≥ a, both < count), `panel[a·nB + b]`, to `out`. */
function addUpper(panel: Float64Array, nA: number, nB: number, p0: number, count: number, out: Float64Array): void {
  for (let a = 0; a < nA && p0 + a < count; a++) {
    const o = (p0 + a) * count + p0;
    const src = a * nB;
    const end = Math.min(nB, count - p0);
    for (let b = a; b < end; b++) out[o + b] += panel[src + b];
  }
}
