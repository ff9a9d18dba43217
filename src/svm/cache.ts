/**
 * A least-recently-used cache of kernel rows, sized in bytes, for the SMO
 * solver. Rows are Float32 (as libsvm's `Qfloat`), may be partial (only the
 * first `len` entries, the active set), and follow the solver's index swaps
 * during shrinking.
 */
export class KernelRowCache {
  private readonly rows: (Float32Array | null)[];
  private readonly lens: Int32Array;
  // Doubly linked LRU list over row indices; index `l` is the sentinel.
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  private readonly sentinel: number;
  /** Free space, in floats. */
  private free: number;

  /**
   * @param l the number of rows (training samples of the sub-problem).
   * @param bytes the memory budget; at least two full rows are always allowed.
   */
  constructor(l: number, bytes: number) {
    this.rows = new Array<Float32Array | null>(l).fill(null);
    this.lens = new Int32Array(l);
    this.prev = new Int32Array(l + 1);
    this.next = new Int32Array(l + 1);
    this.sentinel = l;
    this.prev[l] = l;
    this.next[l] = l;
    this.free = Math.max(Math.floor(bytes / 4), 2 * l);
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
      const more = len - have;
      while (this.free < more) this.evict(this.next[this.sentinel]);
      const grown = new Float32Array(len);
      if (row) grown.set(row.subarray(0, have));
      row = grown;
      this.rows[i] = row;
      this.free -= more;
      this.lens[i] = len;
      start = have;
    }
    this.append(i);
    return { row: row!, start };
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
    this.free += this.lens[h];
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
