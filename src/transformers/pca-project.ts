/**
 * Projections of centred rows on principal axes, (x − mean)·axesᵀ, block by
 * block: PCA's transform, and the signs it chooses at fit. In WebAssembly
 * SIMD where available (the dot-block kernel the k-NN search projects with),
 * else with the TypeScript `dotBlock`.
 */
import { dotBlock } from '../compute/dot-products.js';
import { createDotBlockKernel, type DotBlockKernel } from '../compute/wasm/dot-block-kernel.js';
import type { Matrix } from '../core/matrix.js';

/** Rows per block: 256 rows of 2,025 values (4 MB) and their projections. */
export const PROJECT_BLOCK = 256;

/** The SIMD kernel holding `count` axes of `cols` values, for blocks of PROJECT_BLOCK rows; null without SIMD. */
export function projectionKernel(axes: Float64Array, count: number, cols: number): DotBlockKernel | null {
  return createDotBlockKernel(axes, count, cols, PROJECT_BLOCK);
}

/**
 * Projects every row of X, minus `mean`, on the `count` axes (count × X.cols,
 * row-major), PROJECT_BLOCK rows at a time: `visit(p, rows, first)` gets each
 * block's projections, `p[i·count + a]` for row `first + i` and axis a (p is
 * reused between calls).
 * @param kernel `projectionKernel(axes, …)`, when made already (null: TypeScript).
 */
export function projectRows(
  X: Matrix,
  mean: Float64Array,
  axes: Float64Array,
  count: number,
  visit: (p: Float64Array, rows: number, first: number) => void,
  kernel: DotBlockKernel | null = projectionKernel(axes, count, X.cols),
): void {
  const { rows: n, cols: d, data } = X;
  const p = new Float64Array(PROJECT_BLOCK * count);
  const centred = kernel ? kernel.rows : new Float64Array(PROJECT_BLOCK * d);
  const stride = kernel ? kernel.stride : d;
  for (let i0 = 0; i0 < n; i0 += PROJECT_BLOCK) {
    const rows = Math.min(PROJECT_BLOCK, n - i0);
    for (let i = 0; i < rows; i++) {
      for (let j = 0, o = (i0 + i) * d, c = i * stride; j < d; j++) centred[c + j] = data[o + j] - mean[j];
    }
    if (kernel) {
      kernel.run(rows);
      for (let i = 0; i < rows; i++) p.set(kernel.coords.subarray(i * kernel.coordStride, i * kernel.coordStride + count), i * count);
    } else {
      dotBlock(centred, rows, axes, count, d, p);
    }
    visit(p, rows, i0);
  }
}
