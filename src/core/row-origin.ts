/**
 * Where a matrix's rows came from, for the cross-validation cells: each
 * cell's training rows are a selection of one search's data. An estimator may
 * use this to share work between the cells of one search (the SVC shares its
 * kernel matrices, svm/shared-kernel.ts); the mark lives with the selected
 * matrix and names the search (`scope`), so what is shared ends with the search.
 */
import type { Matrix } from './matrix.js';

/** A selection's origin: rows `rows` (increasing) of `source`, for the search `scope`. */
export interface RowOrigin {
  scope: object;
  source: Matrix;
  rows: ArrayLike<number>;
}

const origins = new WeakMap<Matrix, RowOrigin>();

/** `source.selectRows(rows)`, marked as those rows of `source` within `scope` when `rows` increase strictly. */
export function selectRowsOf(scope: object, source: Matrix, rows: ArrayLike<number>): Matrix {
  const selected = source.selectRows(rows);
  let increasing = true;
  for (let k = 1; k < rows.length && increasing; k++) increasing = rows[k] > rows[k - 1];
  if (increasing) origins.set(selected, { scope, source, rows });
  return selected;
}

/** The origin of `m`, when it is a marked selection. */
export function rowOrigin(m: Matrix): RowOrigin | undefined {
  return origins.get(m);
}
