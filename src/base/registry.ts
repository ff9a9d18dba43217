/**
 * Persistence: every model serialises to a plain JSON object tagged with its
 * `name` and a format `version`; each model class registers its `fromJSON`
 * here when its module loads, so `loadModel` knows every kind without a
 * hand-kept list.
 */
import { describe } from '../core/errors.js';
import type { SerializedModel } from './protocol.js';

/** The envelope every serialised digitkit model has. */
export type ModelJSON = SerializedModel;

type Loader = (json: unknown) => unknown;
const loaders = new Map<string, Loader>();

/** Makes `loadModel` able to rebuild models tagged `name`. Called by each model module. */
export function registerModel(name: string, fromJSON: Loader): void {
  if (loaders.has(name) && loaders.get(name) !== fromJSON) {
    throw new Error(`registerModel: a model named '${name}' is already registered`);
  }
  loaders.set(name, fromJSON);
}

/** The names `loadModel` knows, sorted. */
export function registeredModels(): string[] {
  return [...loaders.keys()].sort();
}

/**
 * Rebuilds any digitkit model from its `toJSON()` output (or that output
 * after `JSON.stringify` / `JSON.parse`), dispatching on its `name`.
 * @throws TypeError when `json` is not a digitkit model object or names an unknown model.
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
  const loader = loaders.get(name);
  if (!loader) {
    throw new TypeError(`${where}: unknown model name '${name}', expected one of ${registeredModels().map((n) => `'${n}'`).join(', ')}`);
  }
  return loader(json);
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
