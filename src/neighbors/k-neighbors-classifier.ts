/**
 * KNeighborsClassifier: k-nearest-neighbour voting with scikit-learn's
 * interface and its brute-force results (`algorithm='brute'`).
 */
import { NotFittedError } from '../core/errors.js';
import { accuracyOf, type Classifier } from '../base/protocol.js';
import { Matrix } from '../core/matrix.js';
import { checkOptions } from '../core/options.js';
import { readProgress, type ProgressOptions } from '../core/progress.js';
import {
  checkChoice,
  checkFeatureCount,
  checkNumber,
  toLabels,
  toMatrix,
  uniqueSorted,
  type FeatureInput,
  type LabelInput,
} from '../core/validation.js';
import { arrayToJSON, matrixToJSON, readInts, readMatrix, readObject } from '../persistence/fields.js';
import { checkEnvelope, registerModel, type ModelJSON } from '../base/registry.js';
import { prepareRows, squaredNorms, type KNeighborsMetric, type PreparedRows } from './metric.js';
import { boundSearchWorthwhile, buildBoundIndex, type BoundIndex } from './bounded-search.js';
import { runSearch, runSearchReporting, type SearchPlan } from './plan.js';
import type { NeighborResult } from './search.js';
import { argmaxRows, classVotes, normalizeRows, type KNeighborsWeights } from './vote.js';

/** The parameters of {@link KNeighborsClassifier}; every one is optional. */
export interface KNeighborsParams {
  /** How many neighbours vote: an integer >= 1, at most the number of training samples. Default 5. */
  nNeighbors?: number;
  /**
   * `'uniform'` (default): every neighbour has one vote. `'distance'`: a
   * neighbour's vote is 1 / its distance; neighbours at distance 0 (exact
   * matches) take all the weight, as in scikit-learn.
   */
  weights?: KNeighborsWeights;
  /**
   * `'euclidean'` (default); `'cosine'`: 1 − cos(q, x); `'correlation'`:
   * 1 − Pearson correlation (the cosine distance of the centred rows). A zero
   * row (cosine) or a constant row (correlation) is at distance 1 from
   * everything; SciPy's correlation would give NaN there.
   */
  metric?: KNeighborsMetric;
}

/** The nearest training samples of each query, as returned by {@link KNeighborsClassifier.kneighbors}. */
export interface KNeighborsResult {
  /** `nQueries × k`: the distances to the k nearest training samples, ascending in each row. */
  distances: Matrix;
  /** `nQueries × k` row-major: `indices[i * k + j]` is the training row at `distances.get(i, j)`. */
  indices: Int32Array;
  /** Neighbours per query (the columns of `distances`). */
  k: number;
}

/** The format version written by `toJSON` (and the only one `fromJSON` reads). */
const KNN_FORMAT_VERSION = 1;

const DEFAULTS: Required<KNeighborsParams> = { nNeighbors: 5, weights: 'uniform', metric: 'euclidean' };
const PARAM_NAMES = Object.keys(DEFAULTS);
const METRICS = ['euclidean', 'cosine', 'correlation'] as const;
const WEIGHTS = ['uniform', 'distance'] as const;

/** What fit learns. */
interface Fitted {
  classes: Int32Array;
  /** Class index of each training row. */
  yIndex: Int32Array;
  train: PreparedRows;
  metric: KNeighborsMetric;
  /** The pruned search's projections, built on the first large euclidean query (never saved: rebuilt the same). */
  boundIndex: BoundIndex | null;
}

/**
 * Queries in one call from which building the pruned search's index pays
 * off: it costs about as much as 100 brute-force queries.
 */
const BOUND_INDEX_MIN_QUERIES = 200;

/**
 * Classification by a vote of the k nearest training samples (exact,
 * brute-force search).
 *
 * ```ts
 * const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit(XTrain, yTrain);
 * const predicted = knn.predict(XTest);
 * ```
 *
 * Results are scikit-learn's `KNeighborsClassifier(algorithm='brute')`:
 * - **Neighbour ties**: among training samples at equal distance the lower
 *   training index is nearer — it comes first in `kneighbors` and is the one
 *   kept for the last of the k places. scikit-learn's euclidean search does
 *   the same when it runs on one thread (with several, which of two tied
 *   samples survives depends on how its per-thread heaps merge), and leaves
 *   the order within equal distances unspecified; for cosine and correlation
 *   its `argpartition` makes no promise at all.
 * - **Vote ties**: the smallest class label wins, as scikit-learn's `mode`.
 * - **One class** is allowed (scikit-learn allows it): every prediction is
 *   that class and `predictProba` is a column of ones.
 *
 * The constructor only stores parameters (it refuses unknown option names,
 * as Python refuses an unknown keyword); `fit` validates them and keeps a
 * copy of the training set. Learned state (`classes`, `nFeaturesIn`,
 * `nSamplesFit`) is readable after `fit`.
 */
export class KNeighborsClassifier implements Classifier {
  readonly nNeighbors: number;
  readonly weights: KNeighborsWeights;
  readonly metric: KNeighborsMetric;
  private state: Fitted | null = null;

  /** @throws TypeError when `params` is not an object or names an unknown parameter. */
  constructor(params: KNeighborsParams = {}) {
    const p = { ...DEFAULTS, ...checkOptions(params, 'KNeighborsClassifier', PARAM_NAMES) } as Required<KNeighborsParams>;
    this.nNeighbors = p.nNeighbors;
    this.weights = p.weights;
    this.metric = p.metric;
  }

  /** The parameters, as given to (or defaulted by) the constructor. */
  getParams(): Required<KNeighborsParams> {
    return { nNeighbors: this.nNeighbors, weights: this.weights, metric: this.metric };
  }

  /**
   * Stores the training set X (one sample per row) with its integer labels y.
   * @returns this
   * @throws RangeError when `nNeighbors` exceeds the number of samples, or for bad input (see `toMatrix`).
   */
  fit(X: FeatureInput, y: LabelInput, options?: ProgressOptions): this {
    const where = 'KNeighborsClassifier.fit';
    const onProgress = readProgress(options, where);
    this.validateParams(where);
    const Xm = toMatrix(X, where);
    const labels = toLabels(y, where, Xm.rows);
    if (this.nNeighbors > Xm.rows) {
      throw new RangeError(
        `${where}: parameter 'nNeighbors' must be <= the number of training samples (${Xm.rows}), got ${this.nNeighbors}`,
      );
    }
    const classes = uniqueSorted(labels);
    const index = new Map<number, number>();
    classes.forEach((c, i) => index.set(c, i));
    this.state = {
      classes,
      yIndex: labels.map((v) => index.get(v)!),
      train: prepareRows(this.metric, Xm, true),
      metric: this.metric,
      boundIndex: null,
    };
    onProgress?.(1, 1); // fitting only stores the samples: one step
    return this;
  }

  /**
   * The predicted class of each row of X: the neighbours' (weighted) vote, the smallest class on a tie.
   * `onProgress(done, total)` counts queries.
   */
  predict(X: FeatureInput, options?: ProgressOptions): Int32Array {
    const where = 'KNeighborsClassifier.predict';
    const onProgress = readProgress(options, where);
    this.fitted('predict');
    return this.predictFromNeighbors(runSearchReporting(this.planSearch(X, where, this.nNeighbors), onProgress));
  }

  /**
   * Class probabilities: each row's votes divided by their sum, an
   * `nQueries × nClasses` matrix with columns in `classes` order.
   */
  predictProba(X: FeatureInput): Matrix {
    this.fitted('predictProba');
    return normalizeRows(this.votesFromNeighbors(runSearch(this.planSearch(X, 'KNeighborsClassifier.predictProba', this.nNeighbors))));
  }

  /**
   * The `k` nearest training samples of each row of X (`k` defaults to
   * `nNeighbors`), nearest first; indices are rows of the training set.
   * Unlike scikit-learn, X is required (no leave-self-out query of the training set).
   */
  kneighbors(X: FeatureInput, k?: number): KNeighborsResult {
    const where = 'KNeighborsClassifier.kneighbors';
    const s = this.fitted('kneighbors');
    const kk = k === undefined ? this.nNeighbors : checkNumber(k, where, 'k', { integer: true, ge: 1, le: s.train.rows });
    const r = runSearch(this.planSearch(X, where, kk));
    return { distances: new Matrix(r.indices.length / kk, kk, r.distances), indices: r.indices, k: kk };
  }

  /** Mean accuracy of `predict(X)` against y. */
  score(X: FeatureInput, y: LabelInput): number {
    return accuracyOf(this.predict(X), y, 'KNeighborsClassifier.score');
  }

  /** The sorted class labels seen at fit. */
  get classes(): Int32Array {
    return this.fitted('classes').classes;
  }
  /** Number of features seen at fit. */
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').train.cols;
  }
  /** Number of training samples stored at fit. */
  get nSamplesFit(): number {
    return this.fitted('nSamplesFit').train.rows;
  }

  /**
   * The model as a plain JSON-safe object (`{ name: 'KNeighborsClassifier',
   * version: 1, params, state }`, `state` null before fit). The state holds
   * the classes, each training row's class index and the training rows as
   * the search uses them (for `'cosine'` and `'correlation'`: centred and/or
   * scaled to unit length, not the raw input). `KNeighborsClassifier.fromJSON`
   * or `loadModel` rebuild it; the round trip through `JSON.stringify` gives
   * identical predictions.
   */
  toJSON(): ModelJSON {
    const s = this.state;
    return {
      name: 'KNeighborsClassifier',
      version: KNN_FORMAT_VERSION,
      params: this.getParams(),
      state: s && {
        classes: Array.from(s.classes),
        yIndex: arrayToJSON(s.yIndex),
        fitX: matrixToJSON(new Matrix(s.train.rows, s.train.cols, s.train.data)),
      },
    };
  }

  /**
   * Rebuilds a KNeighborsClassifier from `toJSON()` output.
   * @throws TypeError / RangeError naming the field when the object is not a KNeighborsClassifier
   *   model, has another format version, or a field is missing, malformed or inconsistent.
   */
  static fromJSON(json: unknown): KNeighborsClassifier {
    const where = 'KNeighborsClassifier.fromJSON';
    const o = checkEnvelope(json, 'KNeighborsClassifier', [KNN_FORMAT_VERSION], where);
    const knn = new KNeighborsClassifier(readObject(o, 'params', where) as KNeighborsParams);
    knn.validateParams(where);
    if (o.state === null) return knn;
    const st = readObject(o, 'state', where);
    const p = 'state.';
    const classes = readInts(st, 'classes', where, undefined, p);
    const X = readMatrix(st, 'fitX', where, p);
    if (X.rows < knn.nNeighbors || X.cols < 1) {
      throw new RangeError(`${where}: field 'state.fitX' must have at least nNeighbors = ${knn.nNeighbors} rows and 1 column, got ${X.rows}×${X.cols}`);
    }
    const yIndex = readInts(st, 'yIndex', where, X.rows, p);
    yIndex.forEach((c, i) => {
      if (c < 0 || c >= classes.length) {
        throw new RangeError(`${where}: field 'state.yIndex[${i}]' must be a class index in 0..${classes.length - 1}, got ${c}`);
      }
    });
    const sqNorms = knn.metric === 'euclidean' ? squaredNorms(X.data, X.rows, X.cols) : new Float64Array(0);
    knn.state = { classes, yIndex, train: { data: X.data, rows: X.rows, cols: X.cols, sqNorms }, metric: knn.metric, boundIndex: null };
    return knn;
  }

  private validateParams(where: string): void {
    checkNumber(this.nNeighbors, where, 'nNeighbors', { integer: true, ge: 1 });
    checkChoice(this.weights, where, 'weights', WEIGHTS);
    checkChoice(this.metric, where, 'metric', METRICS);
  }

  /**
   * The validated search for the rows of X (building the pruned search's index
   * when it pays off). Internal: `predict` and the worker-thread prediction
   * of `digitkit`'s Node entry run it.
   * @internal
   */
  planSearch(X: FeatureInput, where: string, k: number, deferIndex = false): SearchPlan {
    const s = this.fitted(where.slice(where.indexOf('.') + 1));
    const Xm = toMatrix(X, where);
    checkFeatureCount(Xm, s.train.cols, where);
    const queries = prepareRows(s.metric, Xm, false);
    // Both searches give identical results; the pruned one is faster on large euclidean sets.
    if (!deferIndex && this.indexRowsToBuild(Xm.rows)) s.boundIndex = buildBoundIndex(s.train);
    return { metric: s.metric, train: s.train, queries, index: s.metric === 'euclidean' ? s.boundIndex : null, k };
  }

  /**
   * The training rows, when a search of `nQueries` queries should first build
   * the pruned search's index (else null).
   * @internal
   */
  indexRowsToBuild(nQueries: number): PreparedRows | null {
    const s = this.fitted('predict');
    const wanted = s.metric === 'euclidean' && !s.boundIndex && boundSearchWorthwhile(s.train) && nQueries >= BOUND_INDEX_MIN_QUERIES;
    return wanted ? s.train : null;
  }

  /**
   * Keeps an index built elsewhere (on worker threads) from `indexRowsToBuild()`'s rows.
   * @internal
   */
  adoptBoundIndex(index: BoundIndex): void {
    this.fitted('predict').boundIndex = index;
  }

  /**
   * The predicted classes from the `nNeighbors` nearest neighbours of each query.
   * @internal
   */
  predictFromNeighbors(r: NeighborResult): Int32Array {
    const s = this.fitted('predict');
    return argmaxRows(this.votesFromNeighbors(r)).map((c) => s.classes[c]);
  }

  private votesFromNeighbors(r: NeighborResult): Matrix {
    const s = this.state!;
    return classVotes(r.distances, r.indices, this.nNeighbors, s.yIndex, s.classes.length, this.weights);
  }

  private fitted(what: string): Fitted {
    if (!this.state) {
      throw new NotFittedError(
        `KNeighborsClassifier.${what}: this KNeighborsClassifier is not fitted yet; call fit(X, y) first`,
      );
    }
    return this.state;
  }
}

registerModel('KNeighborsClassifier', KNeighborsClassifier.fromJSON);
