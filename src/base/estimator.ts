/**
 * The base every digitkit estimator and transformer extends: from the class's
 * declared spec (name, format version, parameter spec, learned-state schema)
 * it gives the constructor, `getParams`, parameter validation, the fitted
 * check, and the `{ name, version, params, state }` JSON envelope with its
 * checked reading. A class writes its algorithm and nothing of this.
 */
import { NotFittedError } from '../core/errors.js';
import { readObject } from '../persistence/fields.js';
import { checkParams, copyValue, storeParams, type ParamDef, type ParamSpec } from './params.js';
import type { Model } from './protocol.js';
import type { ModelJSON, ModelKind } from './registry.js';
import { checkEnvelope, registerModel } from './registry.js';
import { readState, writeState, type StateSchema } from './state.js';

/** What an estimator class declares about itself (its static `spec`). */
export interface EstimatorSpec<P, Saved> {
  /** The class name: in messages and as the JSON tag. */
  name: string;
  /** The format version `toJSON` writes (and the only one `fromJSON` reads). */
  version: number;
  kind: Exclude<ModelKind, 'composite'>;
  params: ParamSpec<P>;
  /** Rules between parameters that their specs cannot say (TemplateMatcher: `k` 1 in mode 'mean'); throws naming one. */
  checkParams?(params: Required<P>, where: string): void;
  /** The saved fields of the learned state and their invariants. */
  state: StateSchema<Saved>;
  /** Invariants between saved fields and parameters beyond each field's own; throws naming the field. */
  checkState?(saved: Saved, params: Required<P>, where: string): void;
}

/** The constructor of an estimator class, with its spec. */
export interface EstimatorClass<T extends Estimator<object, object, object> = Estimator<object, object, object>> {
  new (params?: never): T;
  // The parameter and state types are the class's own; here they are erased.
  readonly spec: EstimatorSpec<any, any>;
}

// Learned state lives here, beside its model, rather than in a field: the
// capability hooks of an estimator's folder (threads, confidence) read it
// through `learnedState` without it being part of the class's public type.
const learned = new WeakMap<object, object>();

function specOf(model: object): EstimatorSpec<any, any> {
  return (model.constructor as EstimatorClass).spec;
}

/**
 * The learned state of a fitted `model`, for the hooks beside its class.
 * @param what the member asked for, in the NotFittedError (`'predict'`).
 * @throws NotFittedError before `fit`.
 */
export function learnedState<S extends object>(model: Estimator<object, S, object>, what: string): S {
  const s = learned.get(model);
  if (!s) {
    const { name, kind } = specOf(model);
    throw new NotFittedError(`${name}.${what}: this ${name} is not fitted yet; call ${kind === 'classifier' ? 'fit(X, y)' : 'fit(X)'} first`);
  }
  return s as S;
}

/**
 * Checks every parameter of `model` against its class's spec, then the rules between them.
 * @throws TypeError for a value of the wrong type, RangeError for a bad value, naming the parameter.
 */
export function validateParams(model: Estimator<object, object, object>, where: string): void {
  const spec = specOf(model);
  checkParams(spec.params, model as unknown as Record<string, unknown>, where);
  spec.checkParams?.(model.getParams(), where);
}

/** Keeps `state` as what `model` learned: for the hooks beside its class that fit it (on threads). */
export function setLearnedState<S extends object>(model: Estimator<object, S, object>, state: S): void {
  learned.set(model, state);
}

/**
 * An estimator with parameters `P`, learned state `S`, saved as `Saved` (the
 * part of `S` that is not derived again when loading; by default all of it).
 *
 * A subclass declares `static readonly spec`, its parameters as `declare
 * readonly` fields (the base constructor stores them), and implements `fit`
 * with `checkParams` and `keepState`.
 */
export abstract class Estimator<P extends object, S extends object, Saved extends object = S> {
  /**
   * Stores the parameters, defaults filled in (`fit` checks their values).
   * @throws TypeError when `params` is not an object or names a parameter the class does not have.
   */
  constructor(params?: P) {
    const spec = specOf(this);
    Object.assign(this, storeParams(spec.params, params, spec.name));
  }

  /** Every parameter, as given to the constructor with defaults filled in (arrays copied). */
  getParams(): Required<P> {
    const out: Record<string, unknown> = {};
    for (const [name, def] of Object.entries(specOf(this).params) as [string, ParamDef<unknown>][]) {
      out[name] = copyValue(def.rule, (this as Record<string, unknown>)[name]);
    }
    return out as Required<P>;
  }

  /** True once `fit` has run (or the model was loaded fitted). */
  get isFitted(): boolean {
    return learned.has(this);
  }

  /**
   * Checks every parameter against the spec: the same checks at `fit` and when a model is loaded.
   * @param where the call, for errors.
   */
  protected checkParams(where: string): void {
    validateParams(this, where);
  }

  /** The learned state; NotFittedError naming `what` before `fit`. */
  protected fitted(what: string): S {
    return learnedState(this, what);
  }

  /** Keeps `state` as what `fit` learned. */
  protected keepState(state: S): this {
    setLearnedState(this, state);
    return this;
  }

  /** The saved form of the state (default: the state itself; the schema picks its fields). */
  protected savedState(state: S): Saved {
    return state as unknown as Saved;
  }

  /** The full state from its saved form, after every field was checked (default: as saved). */
  protected restoredState(saved: Saved): S {
    return saved as unknown as S;
  }

  /**
   * The model as a plain JSON-safe object: `{ name, version, params, state }`
   * (`state` null before `fit`). `loadModel` or the class's `fromJSON`
   * rebuild it; the round trip through `JSON.stringify` gives identical predictions.
   */
  toJSON(): ModelJSON {
    const spec = specOf(this);
    const params = this.getParams() as Record<string, unknown>;
    const s = learned.get(this) as S | undefined;
    return { name: spec.name, version: spec.version, params, state: s ? writeState(spec.state, this.savedState(s), params) : null };
  }

  /**
   * Rebuilds a model of this class from `toJSON()` output, checking the
   * parameters as `fit` does and every field of the learned state.
   * @throws TypeError / RangeError naming the field when the object is not a model of this class, has
   *   another format version, or a parameter or a field is missing, malformed or inconsistent.
   */
  static fromJSON<T extends Estimator<object, object, object>>(this: EstimatorClass<T>, json: unknown): T {
    const spec = this.spec;
    const where = `${spec.name}.fromJSON`;
    const o = checkEnvelope(json, spec.name, [spec.version], where);
    const given = readObject(o, 'params', where);
    const names = Object.keys(spec.params);
    const unknown = Object.keys(given).find((k) => !names.includes(k));
    if (unknown !== undefined) {
      throw new TypeError(`${where}: field 'params.${unknown}' is not a parameter of ${spec.name}, expected only ${names.map((n) => `'${n}'`).join(', ')}`);
    }
    const model = new this(given as never);
    model.checkParams(where);
    if (o.state === null || o.state === undefined) return model;
    const st = readObject(o, 'state', where);
    const params = model.getParams() as Record<string, unknown>;
    const saved = readState(spec.state, st, params, where);
    spec.checkState?.(saved, params, where);
    learned.set(model, model.restoredState(saved));
    return model;
  }
}

/** Registers an estimator class with `loadModel` and the model registry. */
export function registerEstimator(cls: EstimatorClass): void {
  registerModel(cls.spec.name, (json) => (cls as unknown as { fromJSON(j: unknown): unknown }).fromJSON(json), {
    kind: cls.spec.kind,
    create: (params) => new cls(params as never) as unknown as Model,
  });
}
