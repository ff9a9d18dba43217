/**
 * clone: a new, unfitted model with the same parameters as another, some of
 * them replaced (scikit-learn's `clone(est).set_params(**params)`).
 */
import { capabilityOf } from '../base/capabilities.js';
import { cloneHook } from '../base/hooks.js';
import type { Model } from '../base/protocol.js';
import { describe } from '../core/errors.js';

/** Parameter values by name (`'C'`, or `'svc__C'` for a pipeline step's). */
export type ParamSet = Record<string, unknown>;

/**
 * A new, unfitted model of the same class as `model`, built from
 * `model.getParams()` with `params` put over them. For a `Pipeline`,
 * parameters are named `step__param` as scikit-learn names them
 * (`{ svc__C: 10 }`), and every step is cloned. The original is not changed
 * and nothing learned is copied.
 *
 * Values are not checked here; the model checks them at `fit`, as every
 * digitkit model does.
 *
 * @throws TypeError when `model` has no `getParams`, or `params` names a
 *   parameter the model does not have (with the names it has).
 *
 * @example
 * const wider = clone(new SVC({ C: 10 }), { gamma: 0.01 }); // SVC({ C: 10, gamma: 0.01 }), unfitted
 */
export function clone<M extends Model>(model: M, params: ParamSet = {}, where = 'clone'): M {
  if (model === null || typeof model !== 'object' || typeof (model as Model).getParams !== 'function') {
    throw new TypeError(`${where}: argument 'model' must be a digitkit model (with getParams), got ${describe(model)}`);
  }
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new TypeError(`${where}: argument 'params' must be an object of parameter values, got ${describe(params)}`);
  }
  // Models whose parameters are not their constructor's (a pipeline's `step__param`) clone themselves.
  const hook = capabilityOf(model, cloneHook);
  if (hook) return hook(model as never, params, where) as M;
  const current = model.getParams();
  for (const name of Object.keys(params)) {
    if (!(name in current)) {
      throw new TypeError(
        `${where}: ${model.constructor.name} has no parameter '${name}', expected one of ${Object.keys(current).map((k) => `'${k}'`).join(', ')}`,
      );
    }
  }
  const Ctor = model.constructor as new (p: ParamSet) => M;
  return new Ctor({ ...current, ...params });
}
