/**
 * Learned-state schemas: each estimator declares the fields of its saved
 * state and their invariants once (types, shapes in terms of other fields,
 * ranges, sortedness). The schema writes the state into a model's JSON and
 * reads it back, checking every invariant, so that a damaged or tampered
 * model file is refused with the field it got wrong instead of predicting
 * wrongly.
 *
 * Reading has two passes: every field is parsed (its type and its own
 * consistency, such as a matrix's data length), then every field's
 * invariants are checked in the schema's order, with all fields at hand.
 */
import { describe } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { MAGNITUDE_WHY, MAX_MAGNITUDE } from '../core/validation.js';
import { arrayToJSON, matrixToJSON, readFloats, readInts, readMatrix, readNumber } from '../persistence/fields.js';
import { withinBounds, type NumberBounds } from './params.js';

/** What a field's invariants are checked against: the call, every saved field, and the model's parameters. */
export interface ReadContext<S> {
  where: string;
  state: S;
  params: Record<string, unknown>;
}

/** A size that depends on other fields or parameters, with the words that explain it in an error. */
export type SizeRule<S> = readonly [size: (c: ReadContext<S>) => number, meaning: string];

/** One field of a saved state. */
export interface StateField<T, S = Record<string, unknown>> {
  /** Reads `st[name]`, checking its type and its own consistency. */
  parse(st: Record<string, unknown>, name: string, where: string): T;
  /** Checks its invariants against the other fields and the parameters. */
  check?(value: T, name: string, c: ReadContext<S>): void;
  /** The field as it goes into JSON. */
  write(value: T): unknown;
  /** When false for a model's parameters, the field is neither written nor read (TemplateMatcher's references in 'mean' mode). */
  present?(params: Record<string, unknown>): boolean;
}

/** The saved fields of a state: written in this order, and their invariants checked in this order. */
export type StateSchema<S> = { readonly [K in keyof S]-?: StateField<S[K], S> };

const fieldName = (name: string) => `state.${name}`;

function fail(where: string, field: string, expected: string, got: unknown, Kind: ErrorConstructor = RangeError): never {
  throw new Kind(`${where}: field '${field}' must be ${expected}, got ${typeof got === 'string' ? got : describe(got)}`);
}

function boundsText(b: NumberBounds): string {
  const parts: string[] = [];
  if (b.gt !== undefined) parts.push(`> ${b.gt}`);
  if (b.ge !== undefined) parts.push(`>= ${b.ge}`);
  if (b.lt !== undefined) parts.push(`< ${b.lt}`);
  if (b.le !== undefined) parts.push(`<= ${b.le}`);
  return `${b.integer ? 'an integer' : 'a finite number'}${parts.length ? ' ' + parts.join(' and ') : ''}`;
}

/** An array's length against its rule: a TypeError, as for any array of the wrong shape. */
function checkLength<S>(a: ArrayLike<number>, name: string, rule: SizeRule<S> | undefined, c: ReadContext<S>): void {
  if (!rule) return;
  const want = rule[0](c);
  if (a.length !== want) fail(c.where, fieldName(name), `an array of ${want} finite numbers (${rule[1]})`, `an array of length ${a.length}`, TypeError);
}

/** Options of integer-array fields. */
export interface IntsOptions<S> {
  length?: SizeRule<S>;
  bounds?: NumberBounds;
  /** Each value indexes the saved `classes`. */
  classIndex?: boolean;
}

/** The kinds of saved fields. */
export const stateField = {
  /** Class labels: integers, sorted and distinct (as `uniqueSorted` makes them), at least `min` of them. */
  labels<S>(min = 1): StateField<Int32Array, S> {
    return {
      parse: (st, name, where) => readInts(st, name, where, undefined, 'state.'),
      check(a, name, { where }) {
        const f = fieldName(name);
        if (a.length < min) fail(where, f, `a list of at least ${min} class${min > 1 ? 'es' : ''}`, `${a.length}`);
        for (let i = 1; i < a.length; i++) {
          if (a[i] <= a[i - 1]) fail(where, f, 'sorted and distinct labels', `${a[i - 1]} before ${a[i]}`);
        }
      },
      write: (a) => Array.from(a),
    };
  },

  /** A number within `bounds`. */
  number<S>(bounds: NumberBounds = {}): StateField<number, S> {
    return {
      parse: (st, name, where) => readNumber(st, name, where, 'state.'),
      check(v, name, { where }) {
        if (!withinBounds(v, bounds)) {
          const cap = bounds.cap !== undefined && v > bounds.cap ? ` and at most ${bounds.cap}` : '';
          fail(where, fieldName(name), boundsText(bounds) + cap, v);
        }
      },
      write: (v) => v,
    };
  },

  /** Integers, of a length set by other fields, each within `bounds` (or a class index). */
  ints<S>(o: IntsOptions<S> = {}): StateField<Int32Array, S> {
    return {
      parse: (st, name, where) => readInts(st, name, where, undefined, 'state.'),
      check(a, name, c) {
        checkLength(a, name, o.length, c);
        const f = fieldName(name);
        if (o.classIndex) {
          const n = (c.state as { classes: Int32Array }).classes.length;
          for (let i = 0; i < a.length; i++) if (a[i] < 0 || a[i] >= n) fail(c.where, `${f}[${i}]`, `a class index in 0..${n - 1}`, a[i]);
        }
        const b = { ...o.bounds, integer: true };
        if (o.bounds) for (let i = 0; i < a.length; i++) if (!withinBounds(a[i], b)) fail(c.where, `${f}[${i}]`, boundsText(b), a[i]);
      },
      write: (a) => arrayToJSON(a),
    };
  },

  /** Finite numbers, of a length set by other fields. */
  floats<S>(o: { length?: SizeRule<S> } = {}): StateField<Float64Array, S> {
    return {
      parse: (st, name, where) => readFloats(st, name, where, undefined, 'state.'),
      check: (a, name, c) => checkLength(a, name, o.length, c),
      write: (a) => arrayToJSON(a),
    };
  },

  /**
   * A matrix of finite numbers with at least one column, its rows and columns
   * set by other fields; `allocate` places plain JSON numbers (on shared memory, say).
   */
  matrix<S>(
    o: {
      rows?: SizeRule<S>;
      minRows?: SizeRule<S>;
      cols?: SizeRule<S>;
      /** Rows in feature space (support vectors, training rows): within ±MAX_MAGNITUDE, as `fit` takes them. */
      features?: boolean;
      allocate?: (length: number) => Float64Array;
    } = {},
  ): StateField<Matrix, S> {
    return {
      parse: (st, name, where) => readMatrix(st, name, where, 'state.', o.allocate),
      check(m, name, c) {
        const f = fieldName(name);
        const want = (r: SizeRule<S> | undefined, got: number) => (r ? r[0](c) : got);
        const rows = want(o.rows, m.rows);
        const cols = want(o.cols, m.cols);
        if (m.rows !== rows || m.cols !== cols) {
          const why = [o.rows?.[1], o.cols?.[1]].filter(Boolean).join(' × ');
          fail(c.where, f, `${rows}×${cols}${why ? ` (${why})` : ''}`, `${m.rows}×${m.cols}`);
        }
        if (o.minRows && m.rows < o.minRows[0](c)) fail(c.where, f, `a matrix of at least ${o.minRows[0](c)} rows (${o.minRows[1]})`, `${m.rows}`);
        if (m.cols < 1) fail(c.where, f, 'a matrix of at least 1 column', `${m.cols}`);
        if (o.features) {
          for (let k = 0; k < m.data.length; k++) {
            if (Math.abs(m.data[k]) > MAX_MAGNITUDE) fail(c.where, `${f}.data[${k}]`, `within ±${MAX_MAGNITUDE} (${MAGNITUDE_WHY})`, m.data[k]);
          }
        }
      },
      write: (m) => matrixToJSON(m),
    };
  },

  /** `inner`, saved only for the parameters where `present` holds. */
  when<T, S>(present: (params: Record<string, unknown>) => boolean, inner: StateField<T, S>): StateField<T, S> {
    return { ...inner, present };
  },
};

/** The saved form of `state`: each field of `schema` written in order. */
export function writeState<S>(schema: StateSchema<S>, state: S, params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(schema) as [string, StateField<unknown, S>][]) {
    if (f.present && !f.present(params)) continue;
    out[name] = f.write((state as Record<string, unknown>)[name]);
  }
  return out;
}

/**
 * The state read from its saved form: every field parsed, then every field's invariants checked, in order.
 * @throws TypeError / RangeError naming the field (`state.nSupport[3]`) that is missing, malformed or inconsistent.
 */
export function readState<S>(schema: StateSchema<S>, st: Record<string, unknown>, params: Record<string, unknown>, where: string): S {
  const fields = (Object.entries(schema) as [string, StateField<unknown, S>][]).filter(([, f]) => !f.present || f.present(params));
  const state: Record<string, unknown> = {};
  for (const [name, f] of fields) state[name] = f.parse(st, name, where);
  const c: ReadContext<S> = { where, state: state as S, params };
  for (const [name, f] of fields) f.check?.(state[name], name, c);
  return state as S;
}

/** The sum of an integer array (for sizes such as the number of support vectors). */
export function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
