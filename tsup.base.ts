import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Options } from 'tsup';

/** Every module of a browser-safe folder, as `{ 'core/x/y': 'src/core/x/y.ts' }` entries. */
function modulesOf(folder: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const file of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue;
    const name = join(folder.replace(/^src\//, ''), file.slice(0, -3)).replaceAll('\\', '/');
    entries[name] = join(folder, file);
  }
  return entries;
}

/**
 * One build for each published package, every entry in one esbuild run so that "." and "./node"
 * share their chunks (one ExtractionError class, whatever entry threw it).
 *
 * - Platform neutral, no banner: nothing in the "." graph imports Node, so it bundles for a
 *   browser as published. Node built-ins are imported only by the Node entries and stay external.
 * - Every core module is an entry of its own: dist holds one file per module, and with
 *   `sideEffects: false` a browser bundler keeps only the files a caller reaches (classifying a
 *   certificate does not pull node-forge in).
 * - Runtime dependencies (node-forge, commander) stay external: npm audit sees them, and the
 *   release tarball bundles them (bundleDependencies) for an offline install. commander is
 *   imported by the CLI alone: a library import never loads it.
 * - The internal workspace packages (`node-io`, `zip-reader`, `text`) are never published: they are
 *   bundled in.
 * Declarations are bundled per public entry, with `@internal` members stripped.
 */
export function packageBuild(entries: Record<string, string>, publicEntries: readonly string[], browserSafe: readonly string[] = ['src/core']): Options[] {
  const all = { ...Object.assign({}, ...browserSafe.map(modulesOf)), ...entries } as Record<string, string>;
  const common: Options = {
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    outDir: 'dist',
    sourcemap: false,
    splitting: true,
    clean: false,
    noExternal: [/^@sne-toolbox\/(node-io|zip-reader|text)/],
    external: [/^node:/, /^node-forge(\/|$)/, 'commander'],
    esbuildOptions(options) {
      // Neutral platform: resolve package.json "exports" like Node and bundlers do.
      options.conditions = ['import', 'module', 'default'];
      options.mainFields = ['module', 'main'];
    },
    tsconfig: 'tsconfig.build.json',
  };
  return [
    { ...common, entry: all, dts: false },
    { ...common, entry: Object.fromEntries(publicEntries.map((name) => [name, entries[name]!])), dts: { only: true } },
  ];
}
