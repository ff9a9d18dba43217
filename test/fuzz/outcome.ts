/**
 * How a fuzz case ended: the right answer, a clean error (an Error naming the
 * call and the argument or field), a raw crash (an internal error), a hang
 * (over 10 s), a wrong answer (a result for what should have been refused, or
 * a result that breaks what the reader promises), or memory growth over 300 MB.
 */

export type Outcome = 'right' | 'clean' | 'crash' | 'hang' | 'wrong' | 'memory';
export const OUTCOMES: Outcome[] = ['right', 'clean', 'crash', 'hang', 'wrong', 'memory'];

/** A case's outcome and, for the bad ones, what happened. */
export interface CaseResult {
  outcome: Outcome;
  detail?: string;
}

/** Messages that only an internal error writes: a clean error never says these. */
const RAW = /Cannot read prop|Cannot set prop|is not a function|is not iterable|is not a constructor|Invalid typed array length|Invalid array length|Maximum call stack|allocation failed|Cannot convert|out of memory|of undefined|of null|Offset is outside|out of range index|Start offset/;

const KINDS = new Set(['TypeError', 'RangeError', 'NotFittedError', 'DatasetError']);

/** True when `err` is an Error of a kind digitkit throws whose message starts with `prefix` and is not an internal one. */
export function isCleanError(err: unknown, prefix: RegExp): boolean {
  return err instanceof Error && KINDS.has(err.name) && prefix.test(err.message) && !RAW.test(err.message);
}

const HANG_MS = 10_000;

/**
 * Runs one case: `run` gives a result that `judge` calls right (true) or wrong
 * (false, or a string saying why); a throw is clean when it matches `prefix`.
 */
export function runCase<T>(run: () => T, judge: (result: T) => boolean | string, prefix: RegExp): CaseResult {
  const t0 = performance.now();
  let r: CaseResult;
  try {
    const result = run();
    const verdict = judge(result);
    r = verdict === true ? { outcome: 'right' } : { outcome: 'wrong', detail: typeof verdict === 'string' ? verdict : 'a result for an input that should have been refused' };
  } catch (err) {
    r = isCleanError(err, prefix) ? { outcome: 'clean' } : { outcome: 'crash', detail: err instanceof Error ? `${err.name}: ${err.message}\n${err.stack?.split('\n').slice(1, 4).join('\n')}` : String(err) };
  }
  if (performance.now() - t0 > HANG_MS) r = { outcome: 'hang', detail: `${Math.round(performance.now() - t0)} ms` };
  return r;
}

/** Counts per outcome, and the first few bad cases of each kind. */
export class Tally {
  readonly counts = new Map<Outcome, number>(OUTCOMES.map((o) => [o, 0]));
  readonly bad: string[] = [];
  constructor(readonly name: string) {}
  add(r: CaseResult, describe: () => string): void {
    this.counts.set(r.outcome, this.counts.get(r.outcome)! + 1);
    if (!['right', 'clean'].includes(r.outcome) && this.bad.length < 5) this.bad.push(`${r.outcome}: ${describe()}: ${r.detail}`);
  }
  get tried(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
  get failures(): number {
    return this.tried - this.counts.get('right')! - this.counts.get('clean')!;
  }
}
