/**
 * TemplateMatcher: classification by normalised correlation (Pearson) with
 * reference images — one mean template per class, or every training image —
 * optionally forgiving small shifts.
 */
import { NotFittedError, paramMessage } from '../core/errors.js';
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
import { arrayToJSON, matrixToJSON, readInts, readMatrix, readNumber, readObject } from '../persistence/fields.js';
import { checkEnvelope, registerModel, type ModelJSON } from '../base/registry.js';
import { buildBoundIndex, type BoundIndex } from '../neighbors/bounded-search.js';
import type { PreparedRows } from '../neighbors/metric.js';
import { prepareRows, scan, shiftList, type ScanInput, type ScanResult } from './correlate.js';
import { referenceRows, runMatches, runMatchesReporting, type MatchPlan, type TopMatches } from './pruned-matches.js';

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

/** The format version written by `toJSON` (and the only one `fromJSON` reads). */
const TEMPLATE_FORMAT_VERSION = 1;

const DEFAULTS = { mode: 'mean' as TemplateMode, k: 1, maxShift: 0 };
const PARAM_NAMES = ['mode', 'k', 'maxShift', 'width', 'height'];
const MODES = ['mean', 'all'] as const;

/** What fit learns. */
interface Fitted {
  classes: Int32Array;
  nFeatures: number;
  /** Image size, 0 × 0 when the features are not an image (only allowed with maxShift 0). */
  width: number;
  height: number;
  /** The mean training image of each class, nClasses × nFeatures. */
  templates: Matrix;
  /** References centred and scaled to unit length, row-major nRefs × nFeatures. */
  refs: Float64Array;
  nRefs: number;
  /** Class index of each reference. */
  refClass: Int32Array;
  /** The pruned search over the references ('all' mode, large sets), built on first use (never saved: rebuilt the same). */
  pruned: { rows: PreparedRows; index: BoundIndex } | null;
}

/** References and queries in one call from which `predict` and `bestMatch` use the pruned search. */
const PRUNED_MIN_REFERENCES = 4096;
const PRUNED_MIN_QUERIES = 200;

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
export class TemplateMatcher implements Classifier {
  readonly mode: TemplateMode;
  readonly k: number;
  readonly maxShift: number;
  readonly width: number | undefined;
  readonly height: number | undefined;
  private state: Fitted | null = null;

  /** @throws TypeError when `params` is not an object or names an unknown parameter. */
  constructor(params: TemplateMatcherParams = {}) {
    const p = { ...DEFAULTS, ...checkOptions(params, 'TemplateMatcher', PARAM_NAMES) } as TemplateMatcherParams;
    this.mode = p.mode!;
    this.k = p.k!;
    this.maxShift = p.maxShift!;
    this.width = p.width;
    this.height = p.height;
  }

  /** The parameters, as given to (or defaulted by) the constructor; `width`/`height` stay undefined when not given. */
  getParams(): { mode: TemplateMode; k: number; maxShift: number; width: number | undefined; height: number | undefined } {
    return { mode: this.mode, k: this.k, maxShift: this.maxShift, width: this.width, height: this.height };
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
    this.validateParams(where);
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
    this.state = {
      classes,
      nFeatures: Xm.cols,
      width,
      height,
      templates,
      refs: byRef ? prepareRows(templates.data, templates.rows, templates.cols) : prepareRows(Xm.data, Xm.rows, Xm.cols),
      nRefs: byRef ? classes.length : Xm.rows,
      refClass: byRef ? Int32Array.from(classes, (_, i) => i) : yIndex,
      pruned: null,
    };
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
    return this.predictFromMatches(runMatchesReporting(this.planMatches(X, where), onProgress));
  }

  /**
   * The predictions from the k best references of each query.
   * @internal
   */
  predictFromMatches(r: TopMatches): Int32Array {
    const s = this.fitted('predict');
    const n = r.topCorr.length / r.k;
    const out = new Int32Array(n);
    const votes = new Int32Array(s.classes.length);
    for (let i = 0; i < n; i++) {
      if (r.k === 1) {
        out[i] = s.classes[s.refClass[r.topIndex[i]]];
        continue;
      }
      votes.fill(0);
      for (let j = 0; j < r.k; j++) votes[s.refClass[r.topIndex[i * r.k + j]]]++;
      let best = 0;
      for (let c = 1; c < votes.length; c++) if (votes[c] > votes[best]) best = c;
      out[i] = s.classes[best];
    }
    return out;
  }

  /**
   * Class scores, an `nQueries × nClasses` matrix with columns in `classes`
   * order: each class's best correlation (over its references and the
   * shifts), clipped at 0 and normalised to sum to 1 per row; a row whose
   * classes all correlate ≤ 0 is uniform.
   */
  predictProba(X: FeatureInput): Matrix {
    const s = this.fitted('predictProba');
    const r = this.run(X, 'TemplateMatcher.predictProba');
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
    const r = runMatches(this.planMatches(X, 'TemplateMatcher.bestMatch'));
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
   * The model as a plain JSON-safe object (`{ name: 'TemplateMatcher',
   * version: 1, params, state }`, `state` null before fit). The state holds
   * the classes, image size, class templates and, in `'all'` mode, the
   * references as the search uses them (centred and scaled to unit length,
   * not the raw input) with their class indices. `TemplateMatcher.fromJSON`
   * or `loadModel` rebuild it; the round trip through `JSON.stringify` gives
   * identical predictions.
   */
  toJSON(): ModelJSON {
    const s = this.state;
    const params: Record<string, unknown> = { mode: this.mode, k: this.k, maxShift: this.maxShift };
    if (this.width !== undefined) params.width = this.width;
    if (this.height !== undefined) params.height = this.height;
    return {
      name: 'TemplateMatcher',
      version: TEMPLATE_FORMAT_VERSION,
      params,
      state: s && {
        classes: Array.from(s.classes),
        nFeatures: s.nFeatures,
        width: s.width,
        height: s.height,
        templates: matrixToJSON(s.templates),
        ...(this.mode === 'all'
          ? { references: matrixToJSON(new Matrix(s.nRefs, s.nFeatures, s.refs)), referenceClass: arrayToJSON(s.refClass) }
          : {}),
      },
    };
  }

  /**
   * Rebuilds a TemplateMatcher from `toJSON()` output.
   * @throws TypeError / RangeError naming the field when the object is not a TemplateMatcher
   *   model, has another format version, or a field is missing, malformed or inconsistent.
   */
  static fromJSON(json: unknown): TemplateMatcher {
    const where = 'TemplateMatcher.fromJSON';
    const o = checkEnvelope(json, 'TemplateMatcher', [TEMPLATE_FORMAT_VERSION], where);
    const tm = new TemplateMatcher(readObject(o, 'params', where) as TemplateMatcherParams);
    tm.validateParams(where);
    if (o.state === null) return tm;
    const st = readObject(o, 'state', where);
    const p = 'state.';
    const classes = readInts(st, 'classes', where, undefined, p);
    const nc = classes.length;
    if (nc < 2) throw new RangeError(`${where}: field 'state.classes' must hold at least 2 classes, got ${nc}`);
    const nFeatures = readNumber(st, 'nFeatures', where, p);
    if (!Number.isInteger(nFeatures) || nFeatures < 1) {
      throw new RangeError(`${where}: field 'state.nFeatures' must be an integer >= 1, got ${nFeatures}`);
    }
    const width = readNumber(st, 'width', where, p);
    const height = readNumber(st, 'height', where, p);
    const isImage = width * height === nFeatures && Number.isInteger(width) && Number.isInteger(height) && width > 0;
    if (!(isImage || (width === 0 && height === 0 && tm.maxShift === 0))) {
      throw new RangeError(`${where}: fields 'state.width' and 'state.height' must multiply to nFeatures = ${nFeatures} (or be 0 with maxShift 0), got ${width}×${height}`);
    }
    const templates = readMatrix(st, 'templates', where, p);
    if (templates.rows !== nc || templates.cols !== nFeatures) {
      throw new RangeError(`${where}: field 'state.templates' must be ${nc}×${nFeatures} (classes × nFeatures), got ${templates.rows}×${templates.cols}`);
    }
    let refs: Float64Array;
    let nRefs: number;
    let refClass: Int32Array;
    if (tm.mode === 'mean') {
      refs = prepareRows(templates.data, nc, nFeatures);
      nRefs = nc;
      refClass = Int32Array.from(classes, (_, i) => i);
    } else {
      const R = readMatrix(st, 'references', where, p);
      if (R.cols !== nFeatures || R.rows < tm.k) {
        throw new RangeError(`${where}: field 'state.references' must have nFeatures = ${nFeatures} columns and at least k = ${tm.k} rows, got ${R.rows}×${R.cols}`);
      }
      refs = R.data;
      nRefs = R.rows;
      refClass = readInts(st, 'referenceClass', where, nRefs, p);
      refClass.forEach((c, i) => {
        if (c < 0 || c >= nc) throw new RangeError(`${where}: field 'state.referenceClass[${i}]' must be a class index in 0..${nc - 1}, got ${c}`);
      });
    }
    tm.state = { classes, nFeatures, width, height, templates, refs, nRefs, refClass, pruned: null };
    return tm;
  }

  /**
   * The validated search for the k best references of each row of X: the
   * pruned search on large 'all' sets (building it on first use), else the
   * full scan. Internal: `predict` and the worker-thread prediction of
   * `digitkit`'s Node entry run it.
   * @internal
   */
  planMatches(X: FeatureInput, where: string, deferIndex = false): MatchPlan {
    const s = this.fitted(where.slice(where.indexOf('.') + 1));
    const input = this.scanInput(X, where);
    const rows = deferIndex ? null : this.indexRowsToBuild(input.nQueries);
    if (rows) s.pruned = { rows, index: buildBoundIndex(rows) };
    return { input, pruned: this.mode === 'all' ? s.pruned : null };
  }

  /**
   * The references as the pruned search reads them, when a call of
   * `nQueries` queries should first build its index (else null).
   * @internal
   */
  indexRowsToBuild(nQueries: number): PreparedRows | null {
    const s = this.fitted('predict');
    const wanted = this.mode === 'all' && !s.pruned && s.nRefs >= PRUNED_MIN_REFERENCES && nQueries >= PRUNED_MIN_QUERIES;
    return wanted ? referenceRows(s.refs, s.nRefs, s.nFeatures) : null;
  }

  /**
   * Keeps an index built elsewhere (on worker threads) from `indexRowsToBuild()`'s rows.
   * @internal
   */
  adoptIndex(rows: PreparedRows, index: BoundIndex): void {
    this.fitted('predict').pruned = { rows, index };
  }

  private run(X: FeatureInput, where: string): ScanResult {
    return scan(this.scanInput(X, where));
  }

  private scanInput(X: FeatureInput, where: string): ScanInput {
    const s = this.state!;
    const Xm = toMatrix(X, where);
    checkFeatureCount(Xm, s.nFeatures, where);
    return {
      queries: Xm.data,
      nQueries: Xm.rows,
      refs: s.refs,
      nRefs: s.nRefs,
      d: s.nFeatures,
      refClass: s.refClass,
      nClasses: s.classes.length,
      k: this.mode === 'all' ? this.k : 1,
      shifts: shiftList(this.maxShift),
      width: s.width,
      height: s.height,
    };
  }

  private fitted(what: string): Fitted {
    if (!this.state) {
      throw new NotFittedError(`TemplateMatcher.${what}: this TemplateMatcher is not fitted yet; call fit(X, y) first`);
    }
    return this.state;
  }

  private validateParams(where: string): void {
    checkChoice(this.mode, where, 'mode', MODES);
    checkNumber(this.k, where, 'k', { integer: true, ge: 1 });
    if (this.mode === 'mean' && this.k !== 1) {
      throw new RangeError(paramMessage(where, 'k', "1 in mode 'mean' (one template per class; use mode 'all' for a vote)", this.k));
    }
    checkNumber(this.maxShift, where, 'maxShift', { integer: true, ge: 0 });
    if (this.width !== undefined) checkNumber(this.width, where, 'width', { integer: true, ge: 1 });
    if (this.height !== undefined) checkNumber(this.height, where, 'height', { integer: true, ge: 1 });
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

registerModel('TemplateMatcher', TemplateMatcher.fromJSON);
