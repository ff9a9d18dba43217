/**
 * The option parsers every `digitkit` command shares: the common options
 * (`--jobs`, `--no-progress`, `--help`), and readers of option values that
 * refuse a bad value with one kind of message, `<command>: option --name must
 * be …, got 'value'`.
 */
import { availableParallelism } from 'node:os';
import type { ParseArgsConfig } from 'node:util';

/** The options of util.parseArgs that several commands take. */
export const COMMON_OPTIONS = {
  jobs: { type: 'string' },
  'no-progress': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** The help line of `--jobs`. */
export const JOBS_HELP = `--jobs N                 worker threads (default: every core, here ${availableParallelism()}); 1 runs without threads`;

/** The help line of `--no-progress`. */
export const PROGRESS_HELP = '--no-progress            no progress bar (it shows on a terminal only, on standard error)';

/** Reads option values of one command; each bad value throws an `Err` naming the command, the option and the value. */
export class OptionReader {
  /**
   * @param command the command, first in every message.
   * @param Err the error to throw: UsageError in the CLI, RangeError for the parsers scripts share.
   */
  constructor(
    private readonly command: string,
    private readonly Err: new (message: string) => Error = RangeError,
  ) {}

  /** Throws `<command>: <message>`. */
  fail(message: string): never {
    throw new this.Err(`${this.command}: ${message}`);
  }

  /** An integer written in decimal digits, in `min..max` (or ≥ `min` without `max`); undefined when not given. */
  integer(name: string, value: string | undefined, min: number, max?: number): number | undefined {
    if (value === undefined) return undefined;
    const v = Number(value);
    if (!/^\d+$/.test(value) || v < min || (max !== undefined && v > max)) {
      this.fail(`option --${name} must be an integer ${max === undefined ? `>= ${min}` : `in ${min}..${max}`}, got '${value}'`);
    }
    return v;
  }

  /** A number > 0 (decimal or exponent notation); undefined when not given. */
  positive(name: string, value: string | undefined): number | undefined {
    if (value === undefined) return undefined;
    const x = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(value.trim()) ? Number(value) : NaN;
    if (!(Number.isFinite(x) && x > 0)) this.fail(`option --${name} must be a number > 0, got '${value}'`);
    return x;
  }

  /** One of `allowed`; required. */
  oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T {
    if (value === undefined) this.fail(`option --${name} is required: ${allowed.join(', ')}`);
    if (!allowed.includes(value as T)) this.fail(`option --${name} must be one of ${allowed.join(', ')}, got '${value}'`);
    return value as T;
  }

  /** A comma list of some of `known` (`none` for none); all of them when not given. */
  list<T extends string>(name: string, value: string | undefined, known: readonly T[]): T[] {
    if (value === undefined) return [...known];
    const items = value === 'none' ? [] : value.split(',').map((s) => s.trim());
    for (const item of items) if (!known.includes(item as T)) this.fail(`option --${name}: unknown '${item}', expected some of ${known.join(', ')}`);
    return items as T[];
  }

  /** `--jobs`: worker threads, 1..1024; every core when not given. */
  jobs(value: string | undefined): number {
    return this.integer('jobs', value, 1, 1024) ?? availableParallelism();
  }
}
