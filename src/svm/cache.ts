/**
 * A least-recently-used cache of kernel rows, sized in bytes, for the SMO
 * solver. Rows are Float32 (as libsvm's `Qfloat`), may be partial (only the
 * first `len` entries, the active set), and follow the solver's index swaps
 * during shrinking.
 *
 * The budget counts every buffer the cache holds. An evicted row's buffer is
 * kept for the next row that fits in it, and a finished problem hands its
 * buffers to the next one ({@link RowBuffers}), instead of leaving them to the
 * garbage collector: dropped rows would pile up (hundreds of MB per thread on
 * MNIST) until a collection, far above the budget.
 */
export class KernelRowCache {
  private readonly rows: (Float32Array | null)[];
  private readonly lens: Int32Array;
  /** Buffers of evicted rows, ready for reuse (counted in the budget). */
  private readonly spare: RowBuffers;
  // Doubly linked LRU list over row indices; index `l` is the sentinel.
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  private readonly sentinel: number;
  /** Budget not taken by any buffer (rows' or spare), in floats. */
  private free: number;

  /**
   * @param l the number of rows (training samples of the sub-problem).
   * @param bytes the memory budget; at least two full rows are always allowed.
   * @param spare buffers left by an earlier problem of this thread, counted in the budget.
   */
  constructor(l: number, bytes: number, spare = new RowBuffers()) {
    this.rows = new Array<Float32Array | null>(l).fill(null);
    this.lens = new Int32Array(l);
    this.prev = new Int32Array(l + 1);
    this.next = new Int32Array(l + 1);
    this.sentinel = l;
    this.prev[l] = l;
    this.next[l] = l;
    this.spare = spare;
    this.free = Math.max(Math.floor(bytes / 4), 2 * l) - spare.floats;
    while (this.free < 0) this.free += spare.drop();
  }

  /** Hands every row's buffer to the spare buffers, for the next problem; the cache is empty after it. */
  release(): void {
    for (let h = 0; h < this.sentinel; h++) if (this.rows[h]) this.evict(h);
  }

  /**
   * Row `i` with at least `len` entries. Entries from the returned `start` up
   * to `len` are new and must be filled by the caller.
   */
  get(i: number, len: number): { row: Float32Array; start: number } {
    const have = this.lens[i];
    if (have) this.unlink(i);
    let row = this.rows[i];
    let start = len;
    if (len > have) {
      if (!row || row.length < len) {
        const grown = this.buffer(len);
        if (row) {
          grown.set(row.subarray(0, have));
          this.spare.put(row);
        }
        row = grown;
        this.rows[i] = row;
      }
      this.lens[i] = len;
      start = have;
    }
    this.append(i);
    return { row: row!, start };
  }

  /** A buffer of at least `len` floats: a spare one, else a new one, evicting rows and dropping spares for room. */
  private buffer(len: number): Float32Array {
    for (;;) {
      const reused = this.spare.take(len);
      if (reused) return reused;
      if (this.free >= len) {
        this.free -= len;
        return new Float32Array(len);
      }
      if (this.spare.floats) this.free += this.spare.drop();
      else this.evict(this.next[this.sentinel]);
    }
  }

  /** Follows the solver's swap of positions i and j. */
  swap(i: number, j: number): void {
    if (i === j) return;
    if (this.lens[i]) this.unlink(i);
    if (this.lens[j]) this.unlink(j);
    const r = this.rows[i];
    this.rows[i] = this.rows[j];
    this.rows[j] = r;
    const n = this.lens[i];
    this.lens[i] = this.lens[j];
    this.lens[j] = n;
    if (this.lens[i]) this.append(i);
    if (this.lens[j]) this.append(j);
    const lo = Math.min(i, j);
    const hi = Math.max(i, j);
    for (let h = this.next[this.sentinel]; h !== this.sentinel; ) {
      const after = this.next[h];
      const len = this.lens[h];
      if (len > lo) {
        if (len > hi) {
          const row = this.rows[h]!;
          const t = row[lo];
          row[lo] = row[hi];
          row[hi] = t;
        } else {
          // The row covers lo but not hi: it cannot follow the swap, drop it.
          this.evict(h);
        }
      }
      h = after;
    }
  }

  private evict(h: number): void {
    this.unlink(h);
    this.spare.put(this.rows[h]!);
    this.rows[h] = null;
    this.lens[h] = 0;
  }

  private unlink(h: number): void {
    this.next[this.prev[h]] = this.next[h];
    this.prev[this.next[h]] = this.prev[h];
  }

  private append(h: number): void {
    const s = this.sentinel;
    this.next[h] = s;
    this.prev[h] = this.prev[s];
    this.next[this.prev[s]] = h;
    this.prev[s] = h;
  }
}

/** Spare row buffers: a cache's evicted rows, handed on to the next problem's cache of the same thread. */
export class RowBuffers {
  private readonly buffers: Float32Array[] = [];
  /** The buffers' total length, in floats. */
  floats = 0;

  put(b: Float32Array): void {
    this.buffers.push(b);
    this.floats += b.length;
  }

  /** A buffer of at least `len` floats (the first that fits), or undefined. */
  take(len: number): Float32Array | undefined {
    const k = this.buffers.findIndex((b) => b.length >= len);
    if (k < 0) return undefined;
    const b = this.buffers.splice(k, 1)[0];
    this.floats -= b.length;
    return b;
  }

  /** Lets one buffer go (to the garbage collector); returns its length. */
  drop(): number {
    const b = this.buffers.pop();
    if (!b) return 0;
    this.floats -= b.length;
    return b.length;
  }
}
