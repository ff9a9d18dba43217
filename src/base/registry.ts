/**
 * The model registry: every model class registers itself when its module
 * loads, so that `loadModel` rebuilds any kind of model from its JSON, and
 * the contract tests reach every model, without a hand-kept list.
 */
import { describe } from '../core/errors.js';
import type { Model, SerializedModel } from './protocol.js';

/** The envelope every serialised digitkit model has. */
export type ModelJSON = SerializedModel;

/** What a registered model is: a classifier, a transformer, or made of other models (a pipeline). */
export type ModelKind = 'classifier' | 'transformer' | 'composite';

/** A registered model. */
export interface RegisteredModel {
  /** The tag of its JSON, its class name. */
  name: string;
  /** Rebuilds it from its `toJSON()` output. */
  fromJSON: (json: unknown) => unknown;
  /** Its kind, when registered by a digitkit class (undefined for a model registered by name only). */
  kind?: ModelKind;
  /** A new, unfitted instance from parameters (undefined for composites, which need their parts). */
  create?: (params?: Record<string, unknown>) => Model;
}

const entries = new Map<string, RegisteredModel>();

/**
 * Makes `loadModel` able to rebuild models tagged `name`. digitkit's model
 * classes call it when their module loads; call it for a model class of your
 * own with a `fromJSON`.
 * @throws Error when another loader is registered under `name`.
 */
export function registerModel(name: string, fromJSON: (json: unknown) => unknown, details: Pick<RegisteredModel, 'kind' | 'create'> = {}): void {
  const known = entries.get(name);
  if (known && known.fromJSON !== fromJSON) {
    throw new Error(`registerModel: a model named '${name}' is already registered`);
  }
  entries.set(name, { name, fromJSON, ...details });
}

/** The names `loadModel` knows, sorted. */
export function registeredModels(): string[] {
  return [...entries.keys()].sort();
}

/** Every registered model, sorted by name. */
export function modelRegistry(): readonly RegisteredModel[] {
  return registeredModels().map((n) => entries.get(n)!);
}

/**
 * Rebuilds any digitkit model from its `toJSON()` output (or that output
 * after `JSON.stringify` / `JSON.parse`), dispatching on its `name`.
 * @throws TypeError when `json` is not a digitkit model object or names an unknown model;
 *   what the model's `fromJSON` throws for a damaged model.
 */
export function loadModel(json: unknown): unknown {
  const where = 'loadModel';
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new TypeError(`${where}: argument 'json' must be a digitkit model object ({ name, version, … }), got ${describe(json)}`);
  }
  const name = (json as { name?: unknown }).name;
  if (typeof name !== 'string') {
    throw new TypeError(`${where}: argument 'json' must have a string field 'name' naming the model, got ${describe(name)}; is this a digitkit model file?`);
  }
  // A plain own-key lookup: a name such as 'toString' or '__proto__' is unknown, not a prototype's member.
  const entry = entries.get(name);
  if (!entry) {
    throw new TypeError(`${where}: unknown model name '${name}', expected one of ${registeredModels().map((n) => `'${n}'`).join(', ')}`);
  }
  return entry.fromJSON(json);
}

/**
 * Checks the envelope of a serialised model: an object with this `name` and
 * a `version` this code reads. Returns it as a record for field checks.
 */
export function checkEnvelope(json: unknown, name: string, versions: readonly number[], where: string): Record<string, unknown> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new TypeError(`${where}: argument 'json' must be an object from ${name}.toJSON(), got ${describe(json)}`);
  }
  const o = json as Record<string, unknown>;
  if (o.name !== name) {
    throw new TypeError(`${where}: argument 'json' must be a ${name} model (name '${name}'), got name ${describe(o.name)}`);
  }
  if (typeof o.version !== 'number' || !versions.includes(o.version)) {
    throw new RangeError(`${where}: ${name} model format version must be ${versions.join(' or ')}, got ${describe(o.version)}; it was written by another digitkit version`);
  }
  return o;
}
