/**
 * Checks the package as a new user gets it: `npm pack`, installed into an
 * empty folder, then
 *   1. a strict TypeScript consumer (lib ES2022 only, no @types, skipLibCheck
 *      false) type-checks imports of `digitkit` and `digitkit/browser`;
 *   2. an ESM script runs the README's first quick start and prints its accuracy;
 *   3. `loadModel` knows every model class through the browser entry alone;
 *   4. the source maps carry their sources (the package ships no src/);
 *   5. `require('digitkit')` from CommonJS says how to load an ES module;
 *   6. the shipped model is in the package, under 3 MB, and reads a drawn digit with no model given;
 *   7. `digitkit serve` from the installed package serves the page, its script and style, and /healthz.
 *
 *   npm run check:package          (CI runs it after npm test)
 *
 * Needs the npm registry (or npm's cache) for the package's dependencies.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { servedAddress } from '../src/cli/served-address.js';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), 'digitkit-package-'));
const run = (cmd: string, args: string[], cwd = dir) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

try {
  run('npm', ['pack', '--pack-destination', dir, '--silent'], root);
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--silent', `./${tarball}`]);

  // 1. A strict consumer: no DOM, no Node types, every .d.ts of the package checked.
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: [], strict: true, skipLibCheck: false, noEmit: true },
      files: ['consumer.ts'],
    }),
  );
  writeFileSync(
    join(dir, 'consumer.ts'),
    [
      "import { SVC, HOG, KNeighborsClassifier, makePipeline, loadModel, readDigits, type Classifier } from 'digitkit/browser';",
      'const model: Classifier = makePipeline(new HOG({ pixelsPerCell: [2, 2], cellsPerBlock: [2, 2] }), new KNeighborsClassifier({ nNeighbors: 3 }));',
      'const svc = new SVC({ gamma: 0.001 });',
      'const back = loadModel(svc.toJSON());',
      'export { model, back, readDigits };',
    ].join('\n'),
  );
  run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', '.']);
  console.log('check-package: a strict TypeScript consumer (lib ES2022, types [], skipLibCheck false) type-checks digitkit/browser');

  // 2. The README's first quick start, as an ESM script.
  writeFileSync(
    join(dir, 'quick-start.mjs'),
    [
      "import { SVC, accuracyScore, loadDigits, trainTestSplit } from 'digitkit';",
      'const digits = loadDigits();',
      'const { XTrain, XTest, yTrain, yTest } = trainTestSplit(digits.data, digits.target, { testSize: 0.5, shuffle: false });',
      'const predicted = new SVC({ gamma: 0.001 }).fit(XTrain, yTrain).predict(XTest);',
      'console.log(accuracyScore(yTest, predicted));',
    ].join('\n'),
  );
  const accuracy = run('node', ['quick-start.mjs']).trim();
  if (accuracy !== '0.9688542825361512') throw new Error(`check-package: the quick start printed ${accuracy}, expected 0.9688542825361512`);
  console.log(`check-package: the ESM quick start runs from the installed package (accuracy ${accuracy})`);

  // 3. Registration survives: the browser entry alone knows every model.
  writeFileSync(join(dir, 'registry.mjs'), "import { registeredModels } from 'digitkit/browser'; console.log(registeredModels().join(','));");
  const names = run('node', ['registry.mjs']).trim();
  for (const name of ['Blur', 'Deskew', 'HOG', 'KNeighborsClassifier', 'Pipeline', 'SVC', 'TemplateMatcher']) {
    if (!names.split(',').includes(name)) throw new Error(`check-package: loadModel does not know ${name} through digitkit/browser (got ${names})`);
  }
  console.log(`check-package: digitkit/browser registers ${names}`);

  // 4. Source maps that a debugger can show: each carries the source it maps to.
  const dist = join(dir, 'node_modules', 'digitkit', 'dist');
  const maps = (readdirSync(dist, { recursive: true }) as string[]).filter((f) => f.endsWith('.js.map'));
  for (const m of maps) {
    const map = JSON.parse(readFileSync(join(dist, m), 'utf8')) as { sourcesContent?: (string | null)[] };
    if (!map.sourcesContent?.length || map.sourcesContent.some((c) => !c)) throw new Error(`check-package: dist/${m} does not carry its sources`);
  }
  console.log(`check-package: ${maps.length} source maps, each with its sources`);

  // 5. CommonJS: a clear error that names the way in.
  writeFileSync(join(dir, 'require.cjs'), "try { require('digitkit'); } catch (e) { console.log(e.message); }");
  const said = run('node', ['require.cjs']).trim();
  if (!said.includes("await import('digitkit')")) throw new Error(`check-package: require('digitkit') said ${JSON.stringify(said)}`);
  console.log(`check-package: require('digitkit') says: ${said}`);

  // 6. The shipped model: in the package, small, and what readDigits uses without a model.
  const packed = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], root))[0] as { size: number; files: { path: string; size: number }[] };
  const shipped = packed.files.find((f) => f.path === 'models/mnist-hog-pca-svc.dkm');
  if (!shipped) throw new Error('check-package: models/mnist-hog-pca-svc.dkm is not in the package');
  // npm pack gzips the tar stream, so the file adds about its gzipped size to the tarball.
  const packedModel = gzipSync(readFileSync(join(root, shipped.path))).length;
  if (packedModel > 3_000_000) throw new Error(`check-package: the shipped model adds ${packedModel} bytes to the packed tarball, more than 3 MB`);
  writeFileSync(
    join(dir, 'read.mjs'),
    [
      "import { readDigits } from 'digitkit';",
      '// A 7 drawn as two strokes, 3 pixels wide, dark on white, in a 60×60 picture.',
      'const data = new Float64Array(60 * 60).fill(1);',
      'for (let y = 10; y < 13; y++) for (let x = 14; x < 46; x++) data[y * 60 + x] = 0;',
      'for (let k = 0; k < 36; k++) for (let t = 0; t < 3; t++) data[(13 + k) * 60 + Math.round(43 - k * 0.5) + t] = 0;',
      'console.log(readDigits({ width: 60, height: 60, data }).text);',
    ].join('\n'),
  );
  const read = run('node', ['read.mjs']).trim();
  if (read !== '7') throw new Error(`check-package: readDigits with the shipped model read the drawn 7 as ${JSON.stringify(read)}`);
  console.log(`check-package: the shipped model (${shipped.size} bytes, ${packedModel} gzipped; tarball ${packed.size} bytes) reads a drawn 7 with no model given`);

  // 7. A new user's `npx digitkit serve`: the page, its files and the API from the installed package.
  await checkServe();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Starts the installed `digitkit serve --port 0` (what `npx digitkit serve` runs), fetches the page, its files and /healthz, then stops it. */
async function checkServe(): Promise<void> {
  const child = spawn(process.execPath, [join(dir, 'node_modules', 'digitkit', 'dist', 'cli.js'), 'serve', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await servedAddress(child);
    const page = await fetch(`${url}/`);
    const html = await page.text();
    if (page.status !== 200 || !html.includes('<canvas')) throw new Error(`check-package: GET / gave ${page.status}`);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    for (const asset of assets) {
      const r = await fetch(new URL(asset, `${url}/`));
      if (r.status !== 200) throw new Error(`check-package: GET ${asset} gave ${r.status}`);
    }
    const health = await fetch(`${url}/healthz`);
    if (health.status !== 200) throw new Error(`check-package: GET /healthz gave ${health.status}`);
    console.log(`check-package: npx digitkit serve serves the page (${assets.join(', ')}) and /healthz from the installed package`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}
