import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decode } from 'fast-png';

const run = promisify(execFile);
const ref = JSON.parse(readFileSync(new URL('./fixtures/sklearn-digits-svc.json', import.meta.url), 'utf8'));

describe('examples/digits-svc.ts (scikit-learn\'s digits example)', () => {
  let out = '';
  let stdout = '';
  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'digitkit-example-'));
    const root = new URL('..', import.meta.url).pathname;
    ({ stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/digits-svc.ts', '--out', out], { cwd: root }));
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('prints scikit-learn\'s classification report, character for character', () => {
    expect(stdout).to.include(`Classification report for classifier SVC(gamma=0.001):\n${ref.classification_report}\n`);
  });

  it('prints scikit-learn\'s confusion matrix', () => {
    const printed = ref.confusion_matrix.map((row: number[]) => row.map((v) => String(v).padStart(3)).join(' ')).join('\n');
    expect(stdout).to.include(`Confusion matrix:\n${printed}\n`);
  });

  it('writes three PNG pictures that decode', () => {
    for (const name of ['training-digits.png', 'test-predictions.png', 'confusion-matrix.png']) {
      const png = decode(readFileSync(join(out, name)));
      expect(png.width, name).to.be.above(300);
      expect(png.height, name).to.be.above(100);
    }
  });
});
