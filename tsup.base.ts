import type { Options } from 'tsup';

/**
 * One build for both published packages: esbuild bundles each entry with everything it runs —
 * the internal `@sne-toolbox/node-io`, `zip-reader` and `text` (never published), commander and node-forge — so a tarball has
 * no dependency and installs offline (`npm install -g ./paquet.tgz` on a PC without registry access).
 * Their licences ship in THIRD-PARTY-LICENSES.txt. Declarations are bundled per public entry.
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
    noExternal: [/^@sne-toolbox\/(node-io|zip-reader|text)/, 'commander', /^node-forge/],
    // Bundled CommonJS (node-forge) calls require() for Node built-ins: give the ES module one.
    banner: { js: "import { createRequire as __sneCreateRequire } from 'node:module';\nconst require = __sneCreateRequire(import.meta.url);" },
    tsconfig: 'tsconfig.build.json',
  };
  return [
    { ...common, entry: entries, dts: false },
    { ...common, entry: Object.fromEntries(publicEntries.map((name) => [name, entries[name]!])), dts: { only: true } },
  ];
}

