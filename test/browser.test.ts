import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every module reachable from `entry` through relative imports, with its bare imports. */
function importGraph(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    const source = readFileSync(file, 'utf8');
    const specifiers = [
      ...[...source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g)].map((m) => m[1]),
      // Imports for their side effects only (the hooks modules that register themselves).
      ...[...source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)].map((m) => m[1]),
    ];
    const bare: string[] = [];
    for (const s of specifiers) {
      if (s.startsWith('.')) stack.push(resolve(dirname(file), s.replace(/\.js$/, '.ts')));
      else bare.push(s);
    }
    seen.set(file, bare);
  }
  return seen;
}

describe('digitkit/browser entry', () => {
  it('imports no Node built-in module, directly or indirectly', () => {
    const entry = fileURLToPath(new URL('../src/browser.ts', import.meta.url));
    const graph = importGraph(entry);
    expect(graph.size).to.be.above(20);
    const nodeOnly = new Set(builtinModules);
    for (const [file, bare] of graph) {
      for (const s of bare) {
        const isNode = s.startsWith('node:') || nodeOnly.has(s.split('/')[0]);
        expect(isNode, `${file} imports ${s}`).to.equal(false);
      }
    }
  });

  it('exports the estimators and parsers but not the file loaders', async () => {
    const browser = await import('../src/browser.js');
    const full = await import('../src/index.js');
    expect(browser.SVC).to.equal(full.SVC);
    expect(browser.parseDigitsCsv).to.be.a('function');
    expect('loadDigits' in browser).to.equal(false);
    expect(full.loadDigits).to.be.a('function');
  });
});
