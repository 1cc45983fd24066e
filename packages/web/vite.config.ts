import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

/** One version for the packages and the page: the page shows the packages' version. */
const VERSION = (JSON.parse(readFileSync(new URL('../extraction/package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * The page must work opened from disk (file://), where module scripts and `crossorigin` fetches are
 * refused: the build is one classic (IIFE) script loaded with `defer`, and the worker is inlined as a
 * Blob. Nothing is ever fetched from elsewhere.
 */
function classicScript(): Plugin {
  return {
    name: 'classic-script',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml(html) {
      return html.replace(/<script type="module" crossorigin/g, '<script defer').replace(/ crossorigin/g, '').replaceAll('%SNE_VERSION%', VERSION);
    },
  };
}

export default defineConfig({
  base: './',
  // `source` points workspace packages at their TypeScript sources: no prior build needed.
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  build: {
    outDir: 'dist',
    target: 'es2022',
    modulePreload: false,
    // One stylesheet file: styles injected by script would be inline styles, which the CSP forbids.
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    rollupOptions: { output: { format: 'iife', inlineDynamicImports: true, entryFileNames: 'assets/app.js', assetFileNames: 'assets/[name][extname]' } },
  },
  worker: { format: 'iife' },
  plugins: [classicScript()],
});
