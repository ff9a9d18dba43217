/**
 * Parameter specs: each estimator declares its parameters once — rule and
 * default — and everything else comes from that declaration: the defaults,
 * the refusal of unknown keys, `getParams`, `clone`, and the same validation
 * at `fit` and when a model is loaded.
 */
import { describe, paramMessage } from '../core/errors.js';

/**
 * What a parameter's value must be. `check` answers null for a good value,
 * `'type'` for a value of the wrong type (a TypeError) and `'range'` for a
 * value of the right type but out of range (a RangeError); `expected` is the
 * phrase the error uses ("a finite number > 0").
 */
export interface ParamRule<T = unknown> {
  readonly expected: string;
  check(value: unknown): 'type' | 'range' | null;
  /** The phrase for a value of the right type but out of range, when narrower than `expected` (a union's member). */
  expectedInRange?(value: unknown): string;
  /** A copy of a good value that the caller can no longer change (arrays are copied); default: the value itself. */
  copy?(value: T): T;
}

/** A parameter: its rule and its default. */
export interface ParamDef<T> {
  rule: ParamRule<T>;
  default: T;
}

/** The parameters of a class, by name. */
export type ParamSpec<P> = { readonly [K in keyof P]-?: ParamDef<P[K]> };

/** Bounds of a number rule. */
export interface NumberBounds {
  gt?: number;
  ge?: number;
  lt?: number;
  le?: number;
  integer?: boolean;
  /**
   * A safety cap beyond the stated range (an image side of at most 16384, say):
   * a value over it is refused, and only then does the message name it.
   */
  cap?: number;
}

function boundsText(b: NumberBounds): string {
  const kind = b.integer ? 'an integer' : 'a finite number';
  const parts: string[] = [];
  if (b.gt !== undefined) parts.push(`> ${b.gt}`);
  if (b.ge !== undefined) parts.push(`>= ${b.ge}`);
  if (b.lt !== undefined) parts.push(`< ${b.lt}`);
  if (b.le !== undefined) parts.push(`<= ${b.le}`);
  return parts.length ? `${kind} ${parts.join(' and ')}` : kind;
}

/** True when `v` is a finite number within `b`. */
export function withinBounds(v: number, b: NumberBounds): boolean {
  return (
    Number.isFinite(v) &&
    (!b.integer || Number.isInteger(v)) &&
    (b.gt === undefined || v > b.gt) &&
    (b.ge === undefined || v >= b.ge) &&
    (b.lt === undefined || v < b.lt) &&
    (b.le === undefined || v <= b.le) &&
    (b.cap === undefined || v <= b.cap)
  );
}

/** The rules parameters are made of. */
export const paramRule = {
  /** A finite number (an integer with `integer: true`) within the bounds. */
  number(bounds: NumberBounds = {}): ParamRule<number> {
    const expected = boundsText(bounds);
    return {
      expected,
      check: (v) => (typeof v !== 'number' ? 'type' : withinBounds(v, bounds) ? null : 'range'),
      expectedInRange: (v) => (bounds.cap !== undefined && (v as number) > bounds.cap ? `${expected} and at most ${bounds.cap}` : expected),
    };
  },

  /** One of a few strings. */
  choice<T extends string>(choices: readonly T[]): ParamRule<T> {
    return {
      expected: `one of ${choices.map((c) => `'${c}'`).join(', ')}`,
      check: (v) => (typeof v !== 'string' ? 'type' : (choices as readonly string[]).includes(v) ? null : 'range'),
    };
  },

  /** true or false. */
  boolean(): ParamRule<boolean> {
    return { expected: 'a boolean', check: (v) => (typeof v === 'boolean' ? null : 'type') };
  },

  /** A pair `[a, b]` of numbers, each following `bounds` (HOG's `[rows, cols]`). */
  pair(bounds: NumberBounds, what = 'a pair [rows, cols] of'): ParamRule<[number, number]> {
    const each = paramRule.number(bounds);
    return {
      expected: `${what} ${each.expected.replace(/^an? /, '').replace(/^(integer|finite number)/, '$1s')}`,
      check: (v) => {
        if (!Array.isArray(v) || v.length !== 2) return 'type';
        for (const x of v) {
          const bad = each.check(x);
          if (bad) return bad;
        }
        return null;
      },
      expectedInRange(v) {
        const over = bounds.cap !== undefined && (v as number[]).some((x) => x > bounds.cap!);
        return over ? `${this.expected}, each at most ${bounds.cap}` : this.expected;
      },
      copy: (v) => [v[0], v[1]],
    };
  },

  /**
   * A value that follows one of `rules` (`'scale' | 'auto' | number > 0`). A
   * value of none of their types is told `expected`; a value of one's type but
   * out of its range is told that rule's phrase.
   */
  oneOf<T>(expected: string, ...rules: ParamRule<T>[]): ParamRule<T> {
    const typed = (v: unknown) => rules.find((r) => r.check(v) !== 'type');
    return {
      expected,
      check: (v) => {
        const r = typed(v);
        return r ? r.check(v) : 'type';
      },
      expectedInRange: (v) => {
        const r = typed(v)!;
        return r.expectedInRange?.(v) ?? r.expected;
      },
    };
  },

  /** `special` (such as −1 for "no limit"), or a value that follows `r`. */
  orValue<T>(special: T, r: ParamRule<T>, meaning: string): ParamRule<T> {
    return {
      expected: `${r.expected}, or ${String(special)} ${meaning}`,
      check: (v) => (v === special ? null : r.check(v)),
      expectedInRange: () => r.expected,
    };
  },

  /** `rule`, or null (for a value learnt at fit). */
  nullable<T>(r: ParamRule<T>, meaning: string): ParamRule<T | null> {
    return {
      expected: `${r.expected}, or null ${meaning}`,
      check: (v) => (v === null ? null : r.check(v)),
      expectedInRange: (v) => r.expectedInRange?.(v) ?? r.expected,
      copy: (v) => (v === null ? null : r.copy ? r.copy(v) : v),
    };
  },

  /** `rule`, or undefined (not given). */
  optional<T>(r: ParamRule<T>, meaning: string): ParamRule<T | undefined> {
    return {
      expected: `${r.expected}, or undefined ${meaning}`,
      check: (v) => (v === undefined ? null : r.check(v)),
      expectedInRange: (v) => r.expectedInRange?.(v) ?? r.expected,
      copy: (v) => (v === undefined ? undefined : r.copy ? r.copy(v) : v),
    };
  },
};

/**
 * The parameters a constructor stores: `given` over the defaults, each value
 * copied so that the caller's arrays can change freely. Values are not
 * checked here (scikit-learn's convention: the constructor only stores; `fit`
 * checks), but the object and its keys are.
 *
 * @param owner the class name, for errors.
 * @throws TypeError when `given` is not an object or names a parameter the class does not have
 *   (a misspelt `gama` must not silently train with the default).
 */
export function storeParams<P>(spec: ParamSpec<P>, given: unknown, owner: string): Required<P> {
  const names = Object.keys(spec);
  if (given !== undefined && (given === null || typeof given !== 'object' || Array.isArray(given))) {
    throw new TypeError(`${owner}: argument 'options' must be an object, got ${describe(given)}`);
  }
  const g = (given ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(g)) {
    if (!names.includes(key)) {
      throw new TypeError(`${owner}: unknown option '${key}', expected one of ${names.map((k) => `'${k}'`).join(', ')}`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const def = (spec as Record<string, ParamDef<unknown>>)[name];
    const v = g[name] === undefined ? def.default : g[name];
    out[name] = copyValue(def.rule, v);
  }
  return out as Required<P>;
}

/** A copy of a parameter's value, for getParams and the constructor (only good values are copied by the rule). */
export function copyValue(r: ParamRule<unknown>, v: unknown): unknown {
  if (r.copy && r.check(v) === null) return r.copy(v);
  return Array.isArray(v) ? [...v] : v;
}

/**
 * Checks every parameter of `values` against its rule.
 * @param where the call, for errors (`SVC.fit`, `SVC.fromJSON`).
 * @throws TypeError for a value of the wrong type, RangeError for a bad value, naming the parameter.
 */
export function checkParams<P>(spec: ParamSpec<P>, values: Record<string, unknown>, where: string): void {
  for (const [name, def] of Object.entries(spec) as [string, ParamDef<unknown>][]) {
    const v = values[name];
    const bad = def.rule.check(v);
    if (bad === 'type') throw new TypeError(paramMessage(where, name, def.rule.expected, v));
    if (bad === 'range') throw new RangeError(paramMessage(where, name, def.rule.expectedInRange?.(v) ?? def.rule.expected, v));
  }
}
