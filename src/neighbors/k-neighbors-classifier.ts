/**
 * KNeighborsClassifier: k-nearest-neighbour voting with scikit-learn's
 * interface and its brute-force results (`algorithm='brute'`).
 */
import { Estimator, registerEstimator, type EstimatorSpec } from '../base/estimator.js';
import { paramRule } from '../base/params.js';
import { accuracyOf, type Classifier } from '../base/protocol.js';
import { stateField, type StateSchema } from '../base/state.js';
import { Matrix } from '../core/matrix.js';
import { readProgress, type ProgressOptions } from '../core/progress.js';
import { checkNumber, toLabels, toMatrix, uniqueSorted, type FeatureInput, type LabelInput } from '../core/validation.js';
import { planKnnSearch, predictFromNeighbors, votesFromNeighbors, type KnnState } from './knn-search.js';
import { squaredNorms } from '../compute/dot-products.js';
import { asByteRows, floatValues, prepareTrainRows, type KNeighborsMetric } from './metric.js';
import { runSearch, runSearchReporting } from './plan.js';
import { normalizeRows, type KNeighborsWeights } from './vote.js';

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

/** What a k-NN classifier saves: the classes, each training row's class index, and the training rows as searched. */
export interface KnnSaved {
  classes: Int32Array;
  yIndex: Int32Array;
  fitX: Matrix;
}

const KNN_STATE: StateSchema<KnnSaved> = {
  classes: stateField.labels(1),
  yIndex: stateField.ints({ length: [(c) => c.state.fitX.rows, 'one per row of fitX'], classIndex: true }),
  fitX: stateField.matrix({ minRows: [(c) => c.params.nNeighbors as number, 'at least nNeighbors'], features: true }),
};

const KNN_SPEC: EstimatorSpec<KNeighborsParams, KnnSaved> = {
  name: 'KNeighborsClassifier',
  version: 1,
  kind: 'classifier',
  params: {
    nNeighbors: { rule: paramRule.number({ integer: true, ge: 1 }), default: 5 },
    weights: { rule: paramRule.choice(['uniform', 'distance'] as const), default: 'uniform' },
    metric: { rule: paramRule.choice(['euclidean', 'cosine', 'correlation'] as const), default: 'euclidean' },
  },
  state: KNN_STATE,
};

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
 *
 * **Memory.** With the euclidean metric, a training set whose every value is
 * a byte over 255 (pixels / 255, as `loadMnist` gives them), over 16, or a
 * whole number 0..255 is kept as bytes: an eighth of the memory (47 MB for
 * MNIST's 60,000 images instead of 376), with exactly the same distances,
 * neighbours and predictions. The caller's float rows are then not needed
 * after `fit`. Saved models hold the floats, as before.
 */
export class KNeighborsClassifier extends Estimator<KNeighborsParams, KnnState, KnnSaved> implements Classifier {
  /** The class's parameters, format and saved state (see {@link Estimator}). */
  static readonly spec = KNN_SPEC;

  declare readonly nNeighbors: number;
  declare readonly weights: KNeighborsWeights;
  declare readonly metric: KNeighborsMetric;

  /** @throws TypeError when `params` is not an object or names an unknown parameter. */
  constructor(params: KNeighborsParams = {}) {
    super(params);
  }

  /**
   * Stores the training set X (one sample per row) with its integer labels y.
   * @returns this
   * @throws RangeError when `nNeighbors` exceeds the number of samples, or for bad input (see `toMatrix`).
   */
  fit(X: FeatureInput, y: LabelInput, options?: ProgressOptions): this {
    const where = 'KNeighborsClassifier.fit';
    const onProgress = readProgress(options, where);
    this.checkParams(where);
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
    this.keepState({
      classes,
      yIndex: labels.map((v) => index.get(v)!),
      train: prepareTrainRows(this.metric, Xm),
      metric: this.metric,
      boundIndex: null,
    });
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
    return predictFromNeighbors(this, runSearchReporting(planKnnSearch(this, X, where, this.nNeighbors), onProgress));
  }

  /**
   * Class probabilities: each row's votes divided by their sum, an
   * `nQueries × nClasses` matrix with columns in `classes` order.
   */
  predictProba(X: FeatureInput): Matrix {
    this.fitted('predictProba');
    return normalizeRows(votesFromNeighbors(this, runSearch(planKnnSearch(this, X, 'KNeighborsClassifier.predictProba', this.nNeighbors))));
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
    const r = runSearch(planKnnSearch(this, X, where, kk));
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
   * The saved state: the classes, each training row's class index and the
   * training rows as the search uses them (for `'cosine'` and
   * `'correlation'`: centred and/or scaled to unit length, not the raw input).
   */
  protected override savedState(s: KnnState): KnnSaved {
    // Byte rows are saved as the floats they stand for: the files are the same as before they existed.
    return { classes: s.classes, fitX: new Matrix(s.train.rows, s.train.cols, floatValues(s.train)), yIndex: s.yIndex };
  }

  protected override restoredState(saved: KnnSaved): KnnState {
    const X = saved.fitX;
    // Rows that can be bytes become bytes, as at fit, so a loaded model takes the memory of a fitted one.
    const coded = this.metric === 'euclidean' ? asByteRows(X.data) : null;
    const sqNorms = this.metric === 'euclidean' ? squaredNorms(X.data, X.rows, X.cols) : new Float64Array(0);
    const train = coded ? { ...coded, rows: X.rows, cols: X.cols, sqNorms } : { data: X.data, rows: X.rows, cols: X.cols, sqNorms };
    return { classes: saved.classes, yIndex: saved.yIndex, train, metric: this.metric, boundIndex: null };
  }
}

registerEstimator(KNeighborsClassifier);
