/**
 * A least-recently-used cache of kernel rows, sized in bytes, for the SMO
 * solver. Rows are Float32 (as libsvm's `Qfloat`), may be partial (only the
 * first `len` entries, the active set), and follow the solver's index swaps
 * during shrinking.
 *
 * The rows are carved out of one block of memory of the budget's size
 * ({@link RowSlab}), which the successive problems of a thread reuse. Rows
 * allocated one by one and dropped would be freed only by the garbage
 * collector: they piled up to hundreds of MB per thread on MNIST, far above
 * the budget.
 */
export class KernelRowCache {
  private readonly rows: (Float32Array | null)[];
  private readonly lens: Int32Array;
  /** Where each cached row starts in the slab. */
  private readonly at: Int32Array;
  // Doubly linked LRU list over row indices; index `l` is the sentinel.
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  private readonly sentinel: number;
  private readonly slab: RowSlab;

  /**
   * @param l the number of rows (training samples of the sub-problem).
   * @param bytes the memory budget; at least two full rows are always allowed.
   * @param slab the memory of an earlier problem of this thread, reused when it
   *   is the right size (a slab serves one cache at a time).
   */
  constructor(l: number, bytes: number, slab?: RowSlab) {
    this.rows = new Array<Float32Array | null>(l).fill(null);
    this.lens = new Int32Array(l);
    this.at = new Int32Array(l);
    this.prev = new Int32Array(l + 1);
    this.next = new Int32Array(l + 1);
    this.sentinel = l;
    this.prev[l] = l;
    this.next[l] = l;
    // The cache never holds more than the l rows of l floats, whatever the budget (a budget of 1e12 MB must not be allocated).
    const floats = Math.max(Math.min(Math.floor(bytes / 4), l * l), 2 * l);
    // An earlier problem's slab serves when it is large enough; only its first `floats` are used, so the
    // cache holds what its budget allows, as with a slab of its own. Demanding the very size made a new
    // slab for nearly every pair (each pair has its own sample count): 45 a digits fit, 80 KB each, which
    // with the other fold-sized arrays kept V8's old-generation collector busy (about 20 full collections
    // a digits grid search).
    this.slab = slab && slab.size >= floats ? slab : new RowSlab(floats);
    this.slab.clear(floats);
  }

  /** The memory the rows are carved from, for the next problem's cache. */
  get memory(): RowSlab {
    return this.slab;
  }

  /**
   * Row `i` with at least `len` entries. Entries from the returned `start` up
   * to `len` are new and must be filled by the caller.
   */
  get(i: number, len: number): { row: Float32Array; start: number } {
    const have = this.lens[i];
    if (have) this.unlink(i);
    let start = len;
    if (len > have) {
      this.place(i, len);
      start = have;
    }
    this.append(i);
    return { row: this.rows[i]!, start };
  }

  /** Gives row i room for `len` entries, keeping its first `have`; evicts least recently used rows for the space. */
  private place(i: number, len: number): void {
    const have = this.lens[i];
    let at = this.slab.take(len);
    while (at < 0 && this.next[this.sentinel] !== this.sentinel) {
      this.evict(this.next[this.sentinel]);
      at = this.slab.take(len);
    }
    let kept = this.rows[i];
    if (at < 0) {
      // Only row i's own old space splits the free space: move its entries aside first.
      kept = kept && kept.slice(0, have);
      if (have) this.slab.give(this.at[i], have);
      this.lens[i] = 0;
      at = this.slab.take(len);
    }
    const row = this.slab.data.subarray(at, at + len);
    if (kept && have) row.set(kept.subarray(0, have));
    if (this.lens[i]) this.slab.give(this.at[i], have);
    this.rows[i] = row;
    this.at[i] = at;
    this.lens[i] = len;
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
    const a = this.at[i];
    this.at[i] = this.at[j];
    this.at[j] = a;
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
    this.slab.give(this.at[h], this.lens[h]);
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

/**
 * One block of floats handed out in pieces: the free pieces are kept sorted,
 * a request takes the first that is large enough, and a piece given back
 * merges with its free neighbours.
 */
export class RowSlab {
  readonly data: Float32Array;
  // The free pieces [starts[k], ends[k]), sorted and never touching.
  private starts: number[] = [];
  private ends: number[] = [];

  constructor(readonly size: number) {
    this.data = new Float32Array(size);
    this.clear();
  }

  /** Everything free again, or the first `limit` floats only. */
  clear(limit = this.size): void {
    this.starts = [0];
    this.ends = [limit];
  }

  /** The start of a piece of `len` floats, or −1 when no free piece is that large. */
  take(len: number): number {
    const { starts, ends } = this;
    for (let k = 0; k < starts.length; k++) {
      if (ends[k] - starts[k] < len) continue;
      const at = starts[k];
      if (ends[k] - at === len) {
        starts.splice(k, 1);
        ends.splice(k, 1);
      } else {
        starts[k] = at + len;
      }
      return at;
    }
    return -1;
  }

  /** Gives back the piece of `len` floats at `at`. */
  give(at: number, len: number): void {
    const { starts, ends } = this;
    const end = at + len;
    // The first free piece after this one.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < at) lo = mid + 1;
      else hi = mid;
    }
    const joinsBefore = lo > 0 && ends[lo - 1] === at;
    const joinsAfter = lo < starts.length && starts[lo] === end;
    if (joinsBefore && joinsAfter) {
      ends[lo - 1] = ends[lo];
      starts.splice(lo, 1);
      ends.splice(lo, 1);
    } else if (joinsBefore) {
      ends[lo - 1] = end;
    } else if (joinsAfter) {
      starts[lo] = at;
    } else {
      starts.splice(lo, 0, at);
      ends.splice(lo, 0, end);
    }
  }
}
