/**
 * The fuzz suite's short run (test/fuzz/run-fuzz.ts, fixed seeds) inside npm
 * test: mutants of PNG, IDX and model files, and property cases for every
 * estimator and transformer, in a fresh process (with --expose-gc, so that
 * memory growth is measured after collection). Every case must end in a right
 * answer or a clean error. `npm run fuzz -- --runs N` runs it longer.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

describe('fuzz suite, short run (fixed seed)', function () {
  this.timeout(120000);
  it('ends every case in a right answer or a clean error: no crash, hang, wrong answer or memory growth', () => {
    const script = fileURLToPath(new URL('./fuzz/run-fuzz.ts', import.meta.url));
    let out: string;
    try {
      out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, '--json'], { encoding: 'utf8' });
    } catch (err) {
      out = (err as { stdout: string }).stdout;
    }
    const run = JSON.parse(out) as { seconds: number; tallies: { name: string; tried: number; right: number; clean: number; crash: number; hang: number; wrong: number; memory: number; bad: string[] }[] };
    expect(run.seconds).to.be.below(60);
    for (const t of run.tallies) {
      expect(t.tried, t.name).to.be.above(0);
      expect({ crash: t.crash, hang: t.hang, wrong: t.wrong, memory: t.memory }, `${t.name}: ${t.bad.join('\n')}`).to.deep.equal({ crash: 0, hang: 0, wrong: 0, memory: 0 });
    }
  });
});
