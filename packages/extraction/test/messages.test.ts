import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

// The library's sentences are read by the CLI's users and by the page's: they name no option of
// either (issue 27). Callers add their own advice: the CLI its flags in `hint`, the page its controls.

const CORE = fileURLToPath(new URL('../src/core/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('the core names no CLI flag', () => {
  test.each(sources(CORE).map((p) => [p.slice(CORE.length), p]))('%s', (_name, path) => {
    const code = readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\/\/|\*|\/\*\*)/.test(line));
    const flagged = code.filter((line) => /['`"][^'`"]*[ («(]--[a-z][a-z-]+/.test(line));
    expect(flagged).toEqual([]);
  });
});
