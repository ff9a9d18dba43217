/**
 * Tuning C and gamma of the RBF SVC on the 8×8 digits, as scikit-learn's
 * digits example invites ("can then be adjusted"): on the example's training
 * half (the first 898 digits), a grid search with 5-fold stratified
 * cross-validation over C ∈ {0.1, 1, 10, 100} × gamma ∈ {1e-4, 3e-4, 1e-3,
 * 3e-3, 1e-2}. Prints the table of mean CV accuracy, the best pair and the
 * test accuracy of the best model refitted on the whole training half, and
 * writes a heatmap of the validation accuracy (like scikit-learn's "RBF SVM
 * parameters" figure).
 *
 *   npm run example:tune [-- --C LIST --gamma LIST --grid libsvm --folds N --jobs N --out DIR]
 *
 * The work is done by src/cli/tune-digits.ts, which a `digitkit tune` command can reuse.
 */
import { parseTuneArgs } from '../src/cli/tune-args.js';
import { runTune } from '../src/cli/tune-digits.js';

let options;
try {
  options = parseTuneArgs(process.argv.slice(2));
} catch (err) {
  console.error((err as Error).message);
  console.error('run with --help for the options');
  process.exit(2);
}
if ('help' in options) {
  console.log(`usage: npm run example:tune [-- options]\n${options.help}`);
  process.exit(0);
}
await runTune(options);
