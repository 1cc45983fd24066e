import type { Options } from 'tsup';

/**
 * One build for both published packages: esbuild bundles each entry with the internal
 * `@sne-toolbox/node-io` inlined (it is never published, so each tarball installs on its own);
 * runtime dependencies (commander, node-forge) stay external. Declarations are bundled per public
 * entry.
 */
export function packageBuild(entries: Record<string, string>, publicEntries: readonly string[]): Options[] {
  const common: Options = {
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outDir: 'dist',
    sourcemap: true,
    splitting: true,
    clean: false,
    noExternal: [/^@sne-toolbox\/node-io/],
    tsconfig: 'tsconfig.build.json',
  };
  return [
    { ...common, entry: entries, dts: false },
    { ...common, entry: Object.fromEntries(publicEntries.map((name) => [name, entries[name]!])), dts: { only: true } },
  ];
}

