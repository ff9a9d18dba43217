// The configuration of `npm test`'s two mocha runs (`npm run test:unit`, `npm run test:js`). One file alone runs
// with .mocharc.json (`npx mocha test/svc.test.ts`); this one runs the files in parallel processes.
//
// Why parallel: the suite is mostly single-threaded, so on 2 cores it took 4 min 10 s – 4 min 31 s run one file
// after another (docs/development.md). Mocha hands the files out in the order listed, so the slowest go first: a
// long file that started last would leave one process idle while it finishes. The order comes from running each
// file alone (seconds on a loaded 2-core machine, 2026-12-03): web-browser 51, cli 38, contract 33, parallel 31,
// examples-mnist 28, grid-search 26, fuzz 19, web-api 16, reading-roundtrip 13, model-file 12, pretrained 11;
// every other file under 10.
const { readdirSync } = require('node:fs');
const { availableParallelism } = require('node:os');
const { join } = require('node:path');

const base = require('./.mocharc.json');

const slowestFirst = [
  'web-browser', 'cli', 'contract', 'parallel', 'examples-mnist', 'grid-search', 'fuzz', 'web-api',
  'reading-roundtrip', 'model-file', 'pretrained', 'cli-predict', 'cross-validation',
];
const everyFile = readdirSync(join(__dirname, 'test')).filter((f) => f.endsWith('.test.ts')).map((f) => f.slice(0, -'.test.ts'.length));
const ordered = [...slowestFirst.filter((n) => everyFile.includes(n)), ...everyFile.filter((n) => !slowestFirst.includes(n))];

// With DIGITKIT_BACKEND=js (`npm run test:js`), no WebAssembly module is compiled: the files run again are those
// whose results depend on the backend, the scikit-learn parity files among them, and the contract suite.
const backendFiles = ['contract', 'grid-search', 'cross-validation', 'svc', 'example', 'neighbors', 'predict', 'template', 'hog', 'pca'];

module.exports = {
  ...base,
  parallel: true,
  jobs: Math.max(2, availableParallelism()),
  spec: (process.env.DIGITKIT_BACKEND === 'js' ? ordered.filter((n) => backendFiles.includes(n)) : ordered).map((n) => `test/${n}.test.ts`),
};
