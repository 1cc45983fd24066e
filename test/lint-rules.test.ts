import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The promises of STYLE.md kept by tools (issue 28): functions of at most 100 lines, files of at most
// 450, no Node global or type in browser code (eslint.config.js), no import cycle (this file). Each
// rule is shown firing on a deliberate fault, so that a green run means something.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function rules(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('the lint rules fire on deliberate faults', () => {
  it('a function of 101 lines: max-lines-per-function', async () => {
    const body = Array.from({ length: 101 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    expect(await rules(`export function long(): number {\n${body}\n  return 0;\n}\n`, 'packages/extraction/src/core/probe.ts')).toContain('max-lines-per-function');
  });

  it('a file of 451 lines: max-lines', async () => {
    const lines = Array.from({ length: 451 }, (_, i) => `export const v${i} = ${i};`).join('\n');
    expect(await rules(`${lines}\n`, 'packages/certificates/src/core/probe.ts')).toContain('max-lines');
  });

  it.each([
    ["export const home = process.env['HOME'];", 'no-restricted-globals'],
    ["export const bytes = Buffer.from('a');", 'no-restricted-globals'],
    ['export type S = NodeJS.ReadableStream;', 'no-restricted-syntax'],
  ])('browser code: %s → %s', async (code, rule) => {
    expect(await rules(`${code}\n`, 'packages/extraction/src/core/probe.ts')).toContain(rule);
  });

  it('Node code may use them', async () => {
    expect(await rules("export const home = process.env['HOME'];\nexport type S = NodeJS.ReadableStream;\n", 'packages/extraction/src/node/probe.ts')).toEqual([]);
  });
});

/** Relative imports of every source file of the packages: file → the files it imports. */
function importGraph(files: readonly string[], read: (file: string) => string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets: string[] = [];
    // Type-only imports make no cycle at run time; they are left out.
    for (const m of read(file).matchAll(/^(?:import|export)(?!\s+type\b)[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
      const base = resolve(dirname(file), m[1]!.replace(/\.js$/, ''));
      const target = [`${base}.ts`, join(base, 'index.ts')].find((t) => files.includes(t));
      if (target) targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** The first import cycle found, as a list of files, or null. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | null => {
    if (state.get(file) === 'done') return null;
    if (state.get(file) === 'open') return [...stack.slice(stack.indexOf(file)), file];
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('no import cycle', () => {
  it('finds a deliberate cycle (a → b → a)', () => {
    const files = ['/p/a.ts', '/p/b.ts', '/p/c.ts'];
    const text: Record<string, string> = { '/p/a.ts': "import { b } from './b.js';", '/p/b.ts': "import { a } from './a.js';", '/p/c.ts': "import type { a } from './a.js';" };
    expect(findCycle(importGraph(files, (f) => text[f]!))).toEqual(['/p/a.ts', '/p/b.ts', '/p/a.ts']);
    // A type-only import is no cycle.
    text['/p/b.ts'] = "import type { a } from './a.js';";
    expect(findCycle(importGraph(files, (f) => text[f]!))).toBeNull();
  });

  it.each(readdirSync(join(ROOT, 'packages')))('packages/%s/src has none', (pkg) => {
    const files = sources(join(ROOT, 'packages', pkg, 'src'));
    const graph = importGraph(files, (f) => readFileSync(f, 'utf8'));
    // The graph is real: the larger packages' files import one another.
    if (files.length > 10) expect([...graph.values()].flat().length).toBeGreaterThan(files.length);
    expect(findCycle(importGraph(files, (f) => readFileSync(f, 'utf8')))?.map((f) => f.slice(ROOT.length)) ?? null).toBeNull();
  });
});
