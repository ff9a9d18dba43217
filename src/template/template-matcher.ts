/**
 * TemplateMatcher: classification by normalised correlation (Pearson) with
 * reference images — one mean template per class, or every training image —
 * optionally forgiving small shifts.
 */
import { Estimator, registerEstimator, type EstimatorSpec } from '../base/estimator.js';
import { paramRule } from '../base/params.js';
import { accuracyOf, type Classifier } from '../base/protocol.js';
import { stateField, type StateSchema } from '../base/state.js';
import { paramMessage } from '../core/errors.js';
import { MAX_IMAGE_SIDE } from '../core/limits.js';
import { Matrix } from '../core/matrix.js';
import { readProgress, type ProgressOptions } from '../core/progress.js';
import { toLabels, toMatrix, uniqueSorted, type FeatureInput, type LabelInput } from '../core/validation.js';
import { prepareRows, scan, shiftList } from './correlate.js';
import { runMatches, runMatchesReporting } from './pruned-matches.js';
import { planMatches, predictFromMatches, scanInput, type TemplateState } from './template-search.js';

/** `'mean'`: one template per class (its mean training image); `'all'`: every training image is a reference. */
export type TemplateMode = 'mean' | 'all';

/** The parameters of {@link TemplateMatcher}; every one is optional. */
export interface TemplateMatcherParams {
  /** `'mean'` (default): one template per class, the class's mean training image. `'all'`: every training image. */
  mode?: TemplateMode;
  /**
   * How many of the most correlated references vote (`'all'` mode): an
   * integer >= 1, at most the number of training samples. Default 1. Must be
   * 1 in `'mean'` mode, where each class has a single reference.
   */
  k?: number;
  /**
   * How far (pixels, in x and in y) a reference may be shifted to match
   * better: an integer >= 0, smaller than the image's width and height.
   * Default 0. Needs images (see `width`/`height`).
   */
  maxShift?: number;
  /**
   * Image width in pixels; with `height`, width × height must be the number
   * of features. When neither is given, `fit` takes a square image if the
   * feature count is a square number (64 → 8×8, 784 → 28×28). When only one
   * is given the other is the feature count divided by it.
   */
  width?: number;
  /** Image height in pixels; see `width`. */
  height?: number;
}

/** The best reference of one query, as returned by {@link TemplateMatcher.bestMatch}. */
export interface TemplateMatch {
  /** `'all'` mode: the training index of the best reference; `'mean'` mode: the class index (into `classes`). */
  index: number;
  /** The class label of that reference. */
  label: number;
  /** Its Pearson correlation with the query (at the best shift). */
  correlation: number;
  /** The shift [dx, dy] of the reference that matched best: dx pixels right, dy pixels down; [0, 0] without shifts. */
  shift: [number, number];
}

/** What a TemplateMatcher saves: the classes, image size, class templates and, in 'all' mode, the references as searched. */
export interface TemplateSaved {
  classes: Int32Array;
  nFeatures: number;
  width: number;
  height: number;
  templates: Matrix;
  references: Matrix;
  referenceClass: Int32Array;
}

const inModeAll = (p: Record<string, unknown>) => p.mode === 'all';
const nFeatures = [(c: { state: TemplateSaved }) => c.state.nFeatures, 'nFeatures'] as const;

const TEMPLATE_STATE: StateSchema<TemplateSaved> = {
  classes: stateField.labels(2),
  nFeatures: stateField.number({ integer: true, ge: 1 }),
  width: stateField.number({ integer: true, ge: 0, cap: MAX_IMAGE_SIDE }),
  height: stateField.number({ integer: true, ge: 0, cap: MAX_IMAGE_SIDE }),
  templates: stateField.matrix({ rows: [(c) => c.state.classes.length, 'one per class'], cols: nFeatures, features: true }),
  references: stateField.when(inModeAll, stateField.matrix({ cols: nFeatures, minRows: [(c) => c.params.k as number, 'at least k'], features: true })),
  referenceClass: stateField.when(
    inModeAll,
    stateField.ints({ length: [(c) => c.state.references.rows, 'one per reference'], classIndex: true }),
  ),
};

const TEMPLATE_SPEC: EstimatorSpec<TemplateMatcherParams, TemplateSaved> = {
  name: 'TemplateMatcher',
  version: 1,
  kind: 'classifier',
  params: {
    mode: { rule: paramRule.choice(['mean', 'all'] as const), default: 'mean' },
    k: { rule: paramRule.number({ integer: true, ge: 1 }), default: 1 },
    maxShift: { rule: paramRule.number({ integer: true, ge: 0 }), default: 0 },
    width: { rule: paramRule.optional(paramRule.number({ integer: true, ge: 1, cap: MAX_IMAGE_SIDE }), 'to learn it at fit'), default: undefined },
    height: { rule: paramRule.optional(paramRule.number({ integer: true, ge: 1, cap: MAX_IMAGE_SIDE }), 'to learn it at fit'), default: undefined },
  },
  checkParams(p, where) {
    if (p.mode === 'mean' && p.k !== 1) {
      throw new RangeError(paramMessage(where, 'k', "1 in mode 'mean' (one template per class; use mode 'all' for a vote)", p.k));
    }
  },
  state: TEMPLATE_STATE,
  checkState(s, p, where) {
    const isImage = s.width * s.height === s.nFeatures && s.width > 0;
    if (!(isImage || (s.width === 0 && s.height === 0 && p.maxShift === 0))) {
      throw new RangeError(`${where}: fields 'state.width' and 'state.height' must multiply to nFeatures = ${s.nFeatures} (or be 0 with maxShift 0), got ${s.width}×${s.height}`);
    }
    if ((p.width !== undefined && p.width !== s.width) || (p.height !== undefined && p.height !== s.height)) {
      throw new RangeError(`${where}: fields 'state.width' and 'state.height' must be the parameters' ${p.width ?? '?'}×${p.height ?? '?'}, got ${s.width}×${s.height}`);
    }
    // A shift as large as the image would correlate nothing; a huge one would exhaust memory at the first predict.
    if (isImage && p.maxShift >= Math.min(s.width, s.height)) {
      throw new RangeError(paramMessage(where, 'maxShift', `smaller than the image's width and height (${s.width}×${s.height})`, p.maxShift));
    }
  },
};

/**
 * Classification by normalised correlation (Pearson's r) with references.
 *
 * ```ts
 * const tm = new TemplateMatcher({ mode: 'all', k: 3, maxShift: 1 }).fit(XTrain, yTrain);
 * const predicted = tm.predict(XTest);
 * const why = tm.bestMatch(XTest.selectRows([0]))[0]; // { index, label, correlation, shift }
 * ```
 *
 * - **References.** `'mean'`: one template per class, its mean training image;
 *   `'all'`: every training image.
 * - **Correlation.** Every reference and query is centred and scaled to unit
 *   length once, so that Pearson's r is a dot product (computed in blocks with
 *   the 2×2 register-blocked kernel SVC uses). A **constant** image (zero
 *   variance) has no defined correlation: its centred vector is taken as all
 *   zeros, so its correlation with anything is 0.
 * - **Shifts** (`maxShift` = s > 0): a reference may move up to s pixels in x
 *   and y, zero filled, and its best correlation over the (2s+1)² shifts counts.
 *   For speed the *query* is moved the opposite way instead (one more pass per
 *   shift rather than (2s+1)² copies of every reference), then centred and
 *   renormalised as a vector of its own. The pixel products are the same; only
 *   the pixels pushed over the border differ (the reference's when the
 *   reference moves, the query's when the query moves), so the two agree
 *   exactly whenever those border pixels are background (0) — always so for
 *   MNIST's 4-pixel empty margin and shifts up to 4, unless a digit touches the edge.
 *   Zero fill assumes a background of 0 (as in MNIST and the 8×8 digits).
 * - **Votes** (`'all'`, k > 1): the k most correlated references (each at its
 *   best shift) vote, one vote each; a tie between classes goes to the
 *   smallest class label, as in scikit-learn. Among references of equal
 *   correlation the lower training index ranks first.
 * - **Probabilities** (`predictProba`): for each class, the best correlation
 *   of its references, clipped at 0 and divided by the row's sum; when every
 *   class's best is ≤ 0 the row is uniform. These are scores rather than
 *   calibrated probabilities, and with k > 1 their argmax may differ from the
 *   vote of `predict`.
 * - **Speed.** In `'all'` mode with 4,096 references or more, `predict` and
 *   `bestMatch` of 200+ queries (and every call after that) rule most
 *   references out on principal-axis bounds (centred unit rows are nearest
 *   where they correlate most; see `neighbors/bounded-search.ts`), one search
 *   per shift. The answers are the full scan's, except between correlations
 *   that differ by less than about 1e-16. `predictProba` needs every class's
 *   best correlation and always scans every reference.
 * - **One class** is refused with a RangeError (as SVC and scikit-learn's
 *   classifiers do): a matcher with one class has nothing to decide.
 *
 * The constructor only stores parameters (it refuses unknown option names);
 * `fit` validates them. Learned state (`classes`, `nFeaturesIn`, `templates`)
 * is readable after `fit`.
 */
export class TemplateMatcher extends Estimator<TemplateMatcherParams, TemplateState, TemplateSaved> implements Classifier {
  /** The class's parameters, format and saved state (see {@link Estimator}). */
  static readonly spec = TEMPLATE_SPEC;

  declare readonly mode: TemplateMode;
  declare readonly k: number;
  declare readonly maxShift: number;
  declare readonly width: number | undefined;
  declare readonly height: number | undefined;

  /** @throws TypeError when `params` is not an object or names an unknown parameter. */
  constructor(params: TemplateMatcherParams = {}) {
    super(params);
  }

  /**
   * Learns the references from X (one image per row) and integer labels y (at least two classes).
   * @returns this
   * @throws RangeError for bad parameters (k > number of samples in 'all' mode, maxShift > 0
   *   with features that are not a known image size, …), one class, or bad input (see `toMatrix`).
   */
  fit(X: FeatureInput, y: LabelInput, options?: ProgressOptions): this {
    const where = 'TemplateMatcher.fit';
    const onProgress = readProgress(options, where);
    this.checkParams(where);
    const Xm = toMatrix(X, where);
    const labels = toLabels(y, where, Xm.rows);
    const classes = uniqueSorted(labels);
    if (classes.length < 2) {
      throw new RangeError(`${where}: argument 'y' must hold at least 2 classes, got 1 class (${classes[0]})`);
    }
    if (this.mode === 'all' && this.k > Xm.rows) {
      throw new RangeError(`${where}: parameter 'k' must be <= the number of training samples (${Xm.rows}) in mode 'all', got ${this.k}`);
    }
    const [width, height] = this.resolveShape(Xm.cols, where);
    const index = new Map<number, number>();
    classes.forEach((c, i) => index.set(c, i));
    const yIndex = labels.map((v) => index.get(v)!);
    const templates = classMeans(Xm, yIndex, classes.length);
    const byRef = this.mode === 'mean';
    this.keepState({
      classes,
      nFeatures: Xm.cols,
      width,
      height,
      templates,
      refs: byRef ? prepareRows(templates.data, templates.rows, templates.cols) : prepareRows(Xm.data, Xm.rows, Xm.cols),
      nRefs: byRef ? classes.length : Xm.rows,
      refClass: byRef ? Int32Array.from(classes, (_, i) => i) : yIndex,
      pruned: null,
    });
    onProgress?.(1, 1); // fitting takes class means at most: one step
    return this;
  }

  /**
   * The predicted class of each row of X: the best reference's class, or the vote of the k best (smallest label on a tie).
   * `onProgress(done, total)` counts queries.
   */
  predict(X: FeatureInput, options?: ProgressOptions): Int32Array {
    const where = 'TemplateMatcher.predict';
    const onProgress = readProgress(options, where);
    this.fitted('predict');
    return predictFromMatches(this, runMatchesReporting(planMatches(this, X, where), onProgress));
  }

  /**
   * Class scores, an `nQueries × nClasses` matrix with columns in `classes`
   * order: each class's best correlation (over its references and the
   * shifts), clipped at 0 and normalised to sum to 1 per row; a row whose
   * classes all correlate ≤ 0 is uniform.
   */
  predictProba(X: FeatureInput): Matrix {
    const s = this.fitted('predictProba');
    const r = scan(scanInput(this, X, 'TemplateMatcher.predictProba'));
    const nc = s.classes.length;
    const n = r.classBest.length / nc;
    const out = new Matrix(n, nc);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let c = 0; c < nc; c++) {
        const v = Math.max(0, r.classBest[i * nc + c]);
        out.data[i * nc + c] = v;
        sum += v;
      }
      for (let c = 0; c < nc; c++) out.data[i * nc + c] = sum > 0 ? out.data[i * nc + c] / sum : 1 / nc;
    }
    return out;
  }

  /**
   * The best reference of each row of X, to explain a prediction: its index
   * (training index in `'all'` mode, class index in `'mean'` mode), label,
   * correlation and the shift [dx, dy] at which the reference matched.
   */
  bestMatch(X: FeatureInput): TemplateMatch[] {
    const s = this.fitted('bestMatch');
    const shifts = shiftList(this.maxShift);
    const r = runMatches(planMatches(this, X, 'TemplateMatcher.bestMatch'));
    const out: TemplateMatch[] = [];
    for (let i = 0; i < r.topCorr.length / r.k; i++) {
      const ref = r.topIndex[i * r.k];
      const sh = r.topShift[i * r.k];
      out.push({
        index: ref,
        label: s.classes[s.refClass[ref]],
        correlation: r.topCorr[i * r.k],
        shift: [shifts[2 * sh], shifts[2 * sh + 1]],
      });
    }
    return out;
  }

  /** Mean accuracy of `predict(X)` against y. */
  score(X: FeatureInput, y: LabelInput): number {
    return accuracyOf(this.predict(X), y, 'TemplateMatcher.score');
  }

  /** The sorted class labels seen at fit. */
  get classes(): Int32Array {
    return this.fitted('classes').classes;
  }
  /** Number of features seen at fit. */
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').nFeatures;
  }
  /**
   * The mean training image of each class (nClasses × nFeatures, rows in
   * `classes` order): the references of `'mean'` mode. Also kept in `'all'` mode, for pictures.
   */
  get templates(): Matrix {
    return this.fitted('templates').templates;
  }

  /**
   * The saved state: the classes, image size, class templates and, in
   * `'all'` mode, the references as the search uses them (centred and scaled
   * to unit length, not the raw input) with their class indices.
   */
  protected override savedState(s: TemplateState): TemplateSaved {
    return { ...s, references: new Matrix(s.nRefs, s.nFeatures, s.refs), referenceClass: s.refClass };
  }

  protected override restoredState(saved: TemplateSaved): TemplateState {
    const { classes, nFeatures, width, height, templates } = saved;
    const nc = classes.length;
    if (this.mode === 'mean') {
      const refClass = Int32Array.from(classes, (_, i) => i);
      return { classes, nFeatures, width, height, templates, refs: prepareRows(templates.data, nc, nFeatures), nRefs: nc, refClass, pruned: null };
    }
    const R = saved.references;
    return { classes, nFeatures, width, height, templates, refs: R.data, nRefs: R.rows, refClass: saved.referenceClass, pruned: null };
  }

  /** The image size for `nFeatures` features: [width, height], or [0, 0] for plain feature vectors. */
  private resolveShape(nFeatures: number, where: string): [number, number] {
    let w = this.width;
    let h = this.height;
    if (w !== undefined && h === undefined) h = nFeatures / w;
    else if (h !== undefined && w === undefined) w = nFeatures / h;
    if (w !== undefined && h !== undefined) {
      if (!Number.isInteger(w) || !Number.isInteger(h) || w * h !== nFeatures) {
        throw new RangeError(
          `${where}: parameters 'width' and 'height' must give width × height = the number of features of X (${nFeatures}), got width ${this.width ?? 'not given'} and height ${this.height ?? 'not given'}`,
        );
      }
    } else {
      const side = Math.round(Math.sqrt(nFeatures));
      if (side * side === nFeatures) {
        w = side;
        h = side;
      } else if (this.maxShift > 0) {
        throw new RangeError(
          `${where}: parameter 'maxShift' > 0 needs images, but X has ${nFeatures} features, not a square number; give 'width' and 'height' (or use maxShift 0), got maxShift ${this.maxShift}`,
        );
      } else {
        return [0, 0];
      }
    }
    if (this.maxShift >= Math.min(w, h)) {
      throw new RangeError(paramMessage(where, 'maxShift', `smaller than the image's width and height (${w}×${h})`, this.maxShift));
    }
    return [w, h];
  }
}

/** The mean row of each class. */
function classMeans(X: Matrix, yIndex: Int32Array, nClasses: number): Matrix {
  const d = X.cols;
  const out = new Matrix(nClasses, d);
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < X.rows; i++) {
    const c = yIndex[i];
    counts[c]++;
    const o = c * d;
    const a = i * d;
    for (let j = 0; j < d; j++) out.data[o + j] += X.data[a + j];
  }
  for (let c = 0; c < nClasses; c++) for (let j = 0; j < d; j++) out.data[c * d + j] /= counts[c];
  return out;
}

registerEstimator(TemplateMatcher);
