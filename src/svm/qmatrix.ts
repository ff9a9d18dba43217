/**
 * The C-SVC problem's matrix Q, with Q[i][j] = y_i·y_j·K(x_i, x_j), served row
 * by row from an LRU cache. Positions can be swapped (the solver's shrinking
 * moves inactive samples to the end); `samples` maps a position to its index
 * in the training set, where the kernel rows come from.
 */
import { KernelRowCache, type RowSlab } from './cache.js';
import type { KernelRows } from './kernel-rows.js';
import { swapEntries } from './swap.js';

export class SvcQMatrix {
  /** The diagonal, Q[i][i], by position. */
  readonly QD: Float64Array;
  private readonly samples: Int32Array;
  private readonly y: Int8Array;
  private readonly cache: KernelRowCache;

  /**
   * @param kernel where kernel values come from.
   * @param samples the sub-problem's samples, as indices into the training set.
   * @param y their labels, +1 or −1.
   * @param cacheBytes the kernel-row cache budget.
   * @param slab the kernel-row memory of an earlier problem of this thread, to reuse (see {@link SvcQMatrix.slab}).
   */
  constructor(
    private readonly kernel: KernelRows,
    samples: Int32Array,
    y: Int8Array,
    cacheBytes: number,
    slab?: RowSlab,
  ) {
    const l = y.length;
    this.samples = Int32Array.from(samples);
    this.y = Int8Array.from(y);
    this.QD = new Float64Array(l);
    for (let i = 0; i < l; i++) this.QD[i] = kernel.diagonal(samples[i]);
    this.cache = new KernelRowCache(l, cacheBytes, slab);
  }

  /** Row i of Q for positions 0..len−1 (later entries, if any, are stale). */
  getQ(i: number, len: number): Float32Array {
    const { row, start } = this.cache.get(i, len);
    if (start < len) this.kernel.fill(this.samples[i], this.y[i], this.samples, this.y, start, len, row);
    return row;
  }

  /** The memory of the kernel-row cache, for the next problem once this one is solved. */
  get slab(): RowSlab {
    return this.cache.memory;
  }

  /** Swaps positions i and j everywhere. */
  swap(i: number, j: number): void {
    this.cache.swap(i, j);
    swapEntries(this.samples, i, j);
    swapEntries(this.y, i, j);
    swapEntries(this.QD, i, j);
  }
}
