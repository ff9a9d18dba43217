/**
 * A dense, row-major matrix of 64-bit floats: the one feature container that
 * every estimator works on internally.
 */
export class Matrix {
  /** Row-major values: element (i, j) is `data[i * cols + j]`. */
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;

  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
      throw new RangeError(`Matrix: rows and cols must be non-negative integers, got ${rows}×${cols}`);
    }
    if (data !== undefined && data.length !== rows * cols) {
      throw new RangeError(`Matrix: data must have rows*cols = ${rows * cols} values, got ${data.length}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  /** Element (i, j). */
  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }

  /** Sets element (i, j). */
  set(i: number, j: number, value: number): void {
    this.data[i * this.cols + j] = value;
  }

  /** Row i as a view (no copy): writing to it writes to the matrix. */
  row(i: number): Float64Array {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  /**
   * A new matrix holding the given rows, in the given order; its values go to
   * `data` when given (indices.length × cols zeros, e.g. from `allocateRows`).
   */
  selectRows(indices: ArrayLike<number>, data?: Float64Array): Matrix {
    const out = new Matrix(indices.length, this.cols, data);
    for (let k = 0; k < indices.length; k++) {
      out.data.set(this.row(indices[k]), k * this.cols);
    }
    return out;
  }

  /** The rows as plain arrays (for printing or JSON). */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.row(i)));
    return out;
  }

  /** Builds a matrix from plain nested arrays without validation; see `toMatrix` for user input. */
  static fromArray(rows: ArrayLike<ArrayLike<number>>): Matrix {
    const n = rows.length;
    const d = n > 0 ? rows[0].length : 0;
    const out = new Matrix(n, d);
    for (let i = 0; i < n; i++) out.data.set(rows[i], i * d);
    return out;
  }
}
