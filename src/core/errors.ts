/**
 * Error classes and message helpers shared by every part of digitkit.
 *
 * Convention (see docs/design.md): a message names the call, the argument, what was
 * expected and what came, e.g.
 * `SVC.fit: parameter 'C' must be a finite number > 0, got -1`.
 * `TypeError` is thrown for a value of the wrong type, `RangeError` for a bad
 * value or shape, and {@link NotFittedError} for using a model before `fit`.
 */

/** Thrown when a fitted-only method or attribute is used before `fit()`. */
export class NotFittedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFittedError';
  }
}

/** A short, readable rendering of any value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<unknown>).length}`;
  if (typeof value === 'function') return 'a function';
  const name = (value as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}

/** Builds `where: parameter 'name' must be <expected>, got <value>`. */
export function paramMessage(where: string, name: string, expected: string, got: unknown): string {
  return `${where}: parameter '${name}' must be ${expected}, got ${describe(got)}`;
}
