/**
 * Validation of an options object: a plain object whose keys are all known.
 * Shared by every call that takes an options object.
 */
import { describe } from './errors.js';

/**
 * Returns `options` as a record, or `{}` when it is undefined.
 *
 * @throws TypeError when `options` is not an object, or names an option the call does not know
 *   (a misspelt `test_size` should not be silently ignored).
 */
export function checkOptions(options: unknown, where: string, known: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${where}: argument 'options' must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`${where}: unknown option '${key}', expected one of ${known.map((k) => `'${k}'`).join(', ')}`);
    }
  }
  return options as Record<string, unknown>;
}
