/**
 * Capabilities: what a service needs of a model beyond `fit`/`predict`
 * (training on worker threads, a confidence per prediction, a summary line)
 * is a hook that the model's folder provides for its class, beside the class.
 * Services ask for the hook, never `instanceof`: a new estimator gains a
 * service by providing its hook, and one without it falls back to the plain
 * path (`fit`, `predict`) the service documents.
 *
 * (scikit-learn asks `hasattr(est, 'predict_proba')`; zod composes traits.)
 */

/** A named kind of hook, of type `H`. */
export interface Capability<H> {
  readonly name: string;
  /** Only for typing: the hook's type. */
  readonly __hook?: H;
}

const hooks = new Map<Capability<unknown>, WeakMap<object, unknown>>();

/** A new kind of hook (one per service need), named for messages. */
export function defineCapability<H>(name: string): Capability<H> {
  const cap: Capability<H> = { name };
  hooks.set(cap as Capability<unknown>, new WeakMap());
  return cap;
}

/** Declares that instances of `cls` (and of its subclasses) offer `hook` for `cap`. */
export function provide<H>(cap: Capability<H>, cls: abstract new (...args: never[]) => object, hook: H): void {
  hooks.get(cap as Capability<unknown>)!.set(cls.prototype as object, hook);
}

/** The hook `model` offers for `cap` (through its class or a base class), or undefined. */
export function capabilityOf<H>(model: unknown, cap: Capability<H>): H | undefined {
  if (model === null || typeof model !== 'object') return undefined;
  const table = hooks.get(cap as Capability<unknown>)!;
  for (let p: object | null = Object.getPrototypeOf(model); p; p = Object.getPrototypeOf(p)) {
    const h = table.get(p);
    if (h !== undefined) return h as H;
  }
  return undefined;
}
