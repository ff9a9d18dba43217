/** `digitkit tune`: C/gamma tuning of the RBF SVC on the 8×8 digits (cli/tune-digits.ts), as `npm run example:tune` runs it. */
import { parseTuneArgs, TUNE_USAGE } from './tune-args.js';
import { runTune } from './tune-digits.js';
import { parseWith, type Command } from './command.js';
import { progressBar } from './progress-bar.js';

const help = `usage: digitkit tune [options]

Tunes C and gamma of the RBF SVC on the 8×8 digits: a grid search with stratified
k-fold cross-validation on scikit-learn's example training half (the first 898
digits). Prints the table of mean CV accuracy, the best pair and the refit model's
accuracy on the 899 test digits; writes a heatmap PNG and the results as JSON.

${TUNE_USAGE}

examples:
  digitkit tune
  digitkit tune --C 1,10 --gamma 0.001,0.01 --folds 3 --out tune
  digitkit tune --grid libsvm --jobs 2`;

async function run(argv: string[]): Promise<number> {
  const options = parseWith('tune', () => parseTuneArgs(argv));
  if ('help' in options) {
    console.log(help);
    return 0;
  }
  // A bar on a terminal (standard error) while the grid's cells run.
  const bar = progressBar('search', 'cells', true);
  try {
    // The bar ends with the last cell, before the results are printed.
    await runTune(options, console.log, (done, total) => {
      bar.callback(done, total);
      if (done === total) bar.stop();
    });
  } finally {
    bar.stop();
  }
  return 0;
}

export const tune: Command = {
  name: 'tune',
  summary: 'tune C and gamma of the SVC on the digits by cross-validated grid search; write a heatmap',
  help,
  run,
};
